// The side panel around the full report: the Export menu for the analysis on screen, the app's
// History (every analysis kept, trend charts, open one, compare two, import a colleague's JSON
// export), the comparison, then the report itself (the latest analysis unless another is opened).
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Finding, Target } from '../../../lib/analyze/result';
import { compareAnalyses, type Comparison } from '../../../lib/export/compare';
import type { ExportInput } from '../../../lib/export/input';
import { metricsOf } from '../../../lib/export/metrics';
import type { HistoryAnalysis, HistoryEntry } from '../../../lib/extension/history-store';
import type { StoredAnalysis } from '../../../lib/protocol/stored-analysis';
import { createFormatter } from '../../../lib/report/format';
import { FullReport } from '../../FullReport';
import { ExportMenu } from '../export/ExportMenu';
import { CompareView } from './CompareView';
import { HistoryList } from './HistoryList';
import { TrendChart } from './TrendChart';
import './history.css';
import { messageOf } from '../../../lib/extension/errors';
import { useAnswerGate } from '../../useAnswerGate';

/** What the History needs of lib/extension/last-analysis.ts (the side panel page binds the settings for imports). */
export interface HistoryActions {
  list(appKey: string): Promise<HistoryEntry[]>;
  open(appKey: string, id: string): Promise<HistoryAnalysis | null>;
  importJson(appKey: string, appId: string, text: string): Promise<HistoryEntry>;
  setHidden(appKey: string, finding: Finding, hidden: boolean): Promise<unknown>;
}

interface Props {
  actions: HistoryActions;
  appKey: string;
  /** the app's latest full analysis, hidden findings applied */
  last: StoredAnalysis;
  onShowInApp(target: Target): void;
  /** hides or shows a finding of the latest analysis (and reloads it) */
  onSetHidden(finding: Finding, hidden: boolean): void;
  /** Qlarity's version, written into JSON and SARIF exports */
  version?: string;
  locale?: string;
}

/** The tenant host of an app key (`https://host/prefix|appId`), or undefined. */
export function hostOfAppKey(appKey: string): string | undefined {
  try {
    return new URL(appKey.slice(0, appKey.lastIndexOf('|'))).host || undefined;
  } catch {
    return undefined;
  }
}

/** larger than any real export (tens of thousands of findings are a few MB): refused before reading */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;


export function AnalysisWorkspace({ actions, appKey, last, onShowInApp, onSetHidden, version, locale }: Props) {
  const fmt = useMemo(() => createFormatter(locale ?? (typeof navigator === 'undefined' ? undefined : navigator.language)), [locale]);
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [viewing, setViewing] = useState<HistoryAnalysis | null>(null);
  const [picked, setPicked] = useState<string[] | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [reload, setReload] = useState(0);
  // an answer (open, compare, hide) that comes after the panel moved to another app or a new
  // analysis, or after a later choice of what to show, changes nothing; an import's, after the
  // panel moved to another app
  const ask = useAnswerGate(`${appKey}\u0000${last.savedAt}`);
  const askForApp = useAnswerGate(appKey);
  const showLatest = () => {
    ask('viewing');
    setViewing(null);
  };

  useEffect(() => {
    let live = true;
    actions.list(appKey).then(
      (list) => live && setEntries(list),
      (e: unknown) => live && setMessage({ text: `Could not read the history: ${messageOf(e)}`, error: true }),
    );
    return () => {
      live = false;
    };
  }, [actions, appKey, last, reload]);

  // a new analysis arrived (or the app changed): show the latest again
  useEffect(() => {
    setViewing(null);
    setComparison(null);
    setPicked(null);
  }, [appKey, last.savedAt]);

  const pickedIds = picked ?? entries.slice(0, 2).map((e) => e.id);
  const latestEntry = entries.find((e) => e.full);
  const shown = viewing ? { result: viewing.result, snapshot: viewing.snapshot, savedAt: viewing.entry.savedAt } : last;
  const shownEntry = viewing?.entry ?? latestEntry;

  const open = (entry: HistoryEntry) => {
    if (latestEntry && entry.id === latestEntry.id) return showLatest();
    const counts = ask('viewing');
    actions.open(appKey, entry.id).then(
      (opened) => counts() && (opened ? setViewing(opened) : setMessage({ text: 'That analysis is no longer stored (retention or a damaged record).', error: true })),
      (e: unknown) => counts() && setMessage({ text: `Could not open the analysis: ${messageOf(e)}`, error: true }),
    );
  };

  const compare = async () => {
    const chosen = entries.filter((e) => pickedIds.includes(e.id)).sort((a, b) => a.at - b.at);
    if (chosen.length !== 2) return setMessage({ text: 'Tick two analyses to compare.', error: true });
    const counts = ask('comparison');
    try {
      const [before, after] = await Promise.all(chosen.map((e) => actions.open(appKey, e.id)));
      if (!counts()) return;
      if (!before || !after) return setMessage({ text: 'One of the two analyses is no longer stored.', error: true });
      setComparison(compareAnalyses(before, after));
      setMessage(null);
    } catch (e) {
      if (counts()) setMessage({ text: `Could not compare: ${messageOf(e)}`, error: true });
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES)
      return setMessage({ text: `This file is ${fmt.bytes(file.size)}; a Qlarity export of even a large app is far smaller (at most ${fmt.bytes(MAX_IMPORT_BYTES)}). Nothing was imported.`, error: true });
    const counts = askForApp('import');
    try {
      const entry = await actions.importJson(appKey, last.result.app.id, await file.text());
      if (!counts()) return;
      setMessage({ text: `Imported the analysis of ${fmt.dateTime(new Date(entry.at).toISOString())} into this app's history.`, error: false });
      setReload((n) => n + 1);
    } catch (e) {
      if (counts()) setMessage({ text: messageOf(e), error: true });
    }
  };

  const setHidden = (finding: Finding, hidden: boolean) => {
    onSetHidden(finding, hidden);
    if (!viewing) return;
    const id = viewing.entry.id;
    const counts = ask('viewing');
    actions
      .setHidden(appKey, finding, hidden)
      .then(() => actions.open(appKey, id))
      .then(
        (opened) => counts() && opened && setViewing(opened),
        (e: unknown) => counts() && setMessage({ text: `Could not ${hidden ? 'hide' : 'show'} the finding: ${messageOf(e)}`, error: true }),
      );
  };

  const exportInput = (): ExportInput => ({
    result: shown.result,
    metrics: viewing ? viewing.metrics : metricsOf(last.result, last.snapshot),
    source: { host: hostOfAppKey(appKey), ...(shownEntry?.connectionMode ? { connectionMode: shownEntry.connectionMode } : {}) },
    generator: { name: 'qlarity', version: version ?? '0.0.0' },
    locale: fmt.locale,
    ...(comparison && comparison.after.analysedAt === shown.result.analysedAt ? { comparison } : {}),
  });

  const chronological = [...entries].reverse();
  const time = (at: number) => fmt.dateTime(new Date(at).toISOString());
  return (
    <div class="qx-workspace" data-testid="analysis-workspace">
      <div class="row spread qx-toolbar">
        <p class="qx-viewing" data-testid="viewing">
          {viewing ? (
            <>
              Showing the analysis of {time(viewing.entry.at)}
              {viewing.entry.full ? '' : ' (summary: the collected data is no longer kept, so only the findings and the overview have content)'}.{' '}
              <button type="button" onClick={showLatest}>
                Back to the latest
              </button>
            </>
          ) : (
            'Showing the latest analysis.'
          )}
        </p>
        <ExportMenu input={exportInput} />
      </div>
      <details class="qx-history card" data-testid="history">
        <summary>History ({fmt.number(entries.length)})</summary>
        {entries.length > 1 && (
          <div class="qx-trends">
            <TrendChart title="Score" inputs={chronological.map((e) => ({ at: e.at, value: e.score }))} format={(v) => fmt.number(Math.round(v))} formatTime={time} />
            <TrendChart title="App memory" inputs={chronological.map((e) => ({ at: e.at, value: e.appMemoryBytes }))} format={fmt.bytes} formatTime={time} />
            <TrendChart title="Errors" inputs={chronological.map((e) => ({ at: e.at, value: e.counts.error }))} format={fmt.number} formatTime={time} />
          </div>
        )}
        <HistoryList
          entries={entries}
          viewingId={viewing?.entry.id ?? latestEntry?.id ?? null}
          picked={pickedIds}
          fmt={fmt}
          onOpen={open}
          onPick={(id, on) => setPicked(on ? [...pickedIds.filter((p) => p !== id), id].slice(-2) : pickedIds.filter((p) => p !== id))}
        />
        <div class="row">
          <button type="button" onClick={() => void compare()} disabled={pickedIds.length !== 2}>
            Compare the two ticked
          </button>
          <label class="button qx-import">
            Import a JSON export…
            <input
              type="file"
              accept=".json,application/json"
              class="qx-visually-hidden"
              data-testid="import-file"
              onChange={(event) => {
                const input = event.currentTarget as HTMLInputElement;
                void importFile(input.files?.[0]).finally(() => (input.value = ''));
              }}
            />
          </label>
        </div>
      </details>
      {message && (
        <p role={message.error ? 'alert' : 'status'} class={message.error ? 'alert' : 'muted'} data-testid="history-message">
          {message.text}
        </p>
      )}
      {comparison && <CompareView comparison={comparison} fmt={fmt} />}
      <FullReport analysis={shown} onShowInApp={onShowInApp} onSetHidden={setHidden} />
    </div>
  );
}
