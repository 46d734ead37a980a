// Numbers, bytes, durations and percentages for the report, formatted with Intl for a locale the
// caller passes in (the browser's `navigator.language` in the extension, a fixed one in tests).
import { scaleBytes } from '../format/bytes';

export interface Formatter {
  readonly locale: string;
  number(value: number): string;
  /** binary units (1 KiB = 1024 B), as Qlik's own memory figures */
  bytes(value: number): string;
  /** milliseconds as ms, s or min */
  duration(ms: number): string;
  /** 0..1 as a percentage */
  percent(ratio: number): string;
  dateTime(iso: string): string;
}

export function createFormatter(locale?: string): Formatter {
  const resolved = safeLocale(locale);
  const integer = new Intl.NumberFormat(resolved, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(resolved, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(resolved, { style: 'percent', maximumFractionDigits: 1 });
  const dateTime = new Intl.DateTimeFormat(resolved, { dateStyle: 'medium', timeStyle: 'short' });
  const finite = (value: number) => Number.isFinite(value);
  return {
    locale: resolved,
    number: (value) => (finite(value) ? (Number.isInteger(value) ? integer : decimal).format(value) : '–'),
    bytes(value) {
      if (!finite(value)) return '–';
      const scaled = scaleBytes(value);
      return `${(scaled.unit === 'B' ? integer : decimal).format(scaled.value)} ${scaled.unit}`;
    },
    duration(ms) {
      if (!finite(ms)) return '–';
      if (Math.abs(ms) < 1000) return `${integer.format(ms)} ms`;
      const seconds = ms / 1000;
      if (Math.abs(seconds) < 60) return `${decimal.format(seconds)} s`;
      return `${integer.format(Math.floor(seconds / 60))} min ${integer.format(Math.round(seconds % 60))} s`;
    },
    percent: (ratio) => (finite(ratio) ? percent.format(ratio) : '–'),
    dateTime(iso) {
      const time = Date.parse(iso);
      return Number.isNaN(time) ? iso : dateTime.format(time);
    },
  };
}

/** An unknown or malformed locale tag falls back to the runtime default instead of throwing. */
function safeLocale(locale: string | undefined): string {
  if (!locale) return new Intl.NumberFormat().resolvedOptions().locale;
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale])[0] ?? new Intl.NumberFormat().resolvedOptions().locale;
  } catch {
    return new Intl.NumberFormat().resolvedOptions().locale;
  }
}
