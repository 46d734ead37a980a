// The popup's line about the app's last analysis: "3 new errors, 5 fixed since 1 Dec". Read from
// the history's newest entry (IndexedDB, same extension origin), which kept the counts when it was
// saved; nothing is shown when there is no earlier analysis to compare with. The comparison's code
// loads with the line (a dynamic import), so the popup's first render does not wait for it.
import { useEffect, useState } from 'preact/hooks';
import type { HistoryEntry } from '../../../lib/extension/history-store';

export interface ChangeSource {
  list(appKey: string): Promise<HistoryEntry[]>;
}

/** "1 Dec" in the locale's words (with the year when it is not this year). */
export function shortDate(at: number, now: number, locale?: string): string {
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', ...(sameYear ? {} : { year: 'numeric' }) }).format(at);
}

export function ChangeSince({ source, appKey, refreshKey, locale, now = Date.now }: { source: ChangeSource; appKey: string; refreshKey: string; locale?: string; now?: () => number }) {
  const [line, setLine] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([source.list(appKey), import('../../../lib/export/compare')]).then(
      ([entries, { describeCounts }]) => {
        const change = entries[0]?.change;
        if (live) setLine(change ? describeCounts(change, shortDate(change.sinceAt, now(), locale)) : null);
      },
      () => live && setLine(null), // the history is an extra: the popup works without it
    );
    return () => {
      live = false;
    };
  }, [source, appKey, refreshKey, locale, now]);
  if (!line) return null;
  return (
    <p class="muted" data-testid="change-since">
      {line}
    </p>
  );
}
