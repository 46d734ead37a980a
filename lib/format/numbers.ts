// The one home of counts, durations and percentages in text that does not follow the reader's
// locale: findings' messages (stored, exported, compared), the CLI's text output. The views format
// for the reader's locale with lib/report/format.ts (Intl) instead; byte sizes live in bytes.ts.

/** A count with thousands separators: `1,234,567`. */
export const formatNumber = (n: number): string => n.toLocaleString('en-US');

/** A count and its noun: `1 object`, `1,200 objects`. */
export const plural = (n: number, word: string, many = `${word}s`): string => `${formatNumber(n)} ${n === 1 ? word : many}`;

/** A duration: `850 ms` under a second, then seconds (`2.3 s`, whole from 10 s: `42 s`). */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(ms >= 10_000 ? 0 : 1)} s` : `${Math.round(ms)} ms`;
}

/** A limit in seconds, however short: `30 s`, `2.5 s` (the engine's time-outs, the run's limit). */
export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** A ratio (0..1) as a percentage with at most `fractionDigits` decimals, no trailing zeros: `25 %`, `0.5 %`. */
export function formatPercent(ratio: number, fractionDigits = 0): string {
  const scale = 10 ** fractionDigits;
  return `${Math.round(ratio * 100 * scale) / scale} %`;
}
