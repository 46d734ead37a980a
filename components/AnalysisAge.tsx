// "Analysed 5 minutes ago": the age of a stored analysis, kept current while the page is open.
import { useEffect, useState } from 'preact/hooks';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** `then` relative to `now` (epoch ms) in words, in the locale's own phrasing. Pure. */
export function describeAge(then: number, now: number, locale?: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = Math.round((then - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'minute'); // "this minute"
}

export function AnalysisAge({ savedAt, now = Date.now, locale, inline = false }: { savedAt: number; now?: () => number; locale?: string; inline?: boolean }) {
  const [time, setTime] = useState(now);
  useEffect(() => {
    setTime(now());
    const timer = setInterval(() => setTime(now()), 30_000);
    return () => clearInterval(timer);
  }, [savedAt, now]);
  const content = (
    <>
      Analysed <time dateTime={new Date(savedAt).toISOString()} title={new Date(savedAt).toLocaleString(locale)}>{describeAge(savedAt, time, locale)}</time>
    </>
  );
  return inline ? (
    <span data-testid="analysis-age">{content}</span>
  ) : (
    <p class="muted" data-testid="analysis-age">
      {content}
    </p>
  );
}
