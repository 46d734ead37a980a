// The Script tab: last reloads, reload statements by duration and rows, warnings from the reload
// log, and the script split into tabs and lines with the engine's syntax errors marked.
import { lastSuccessfulReload } from '../rules/shared/reloads';
import { redactSecrets } from '../snapshot/redact-secrets';
import type { AppSnapshot, Reload, Script } from '../snapshot/schema';

export interface StatementRow {
  /** position in the reload, 0-based */
  index: number;
  label: string;
  tableName?: string;
  connection?: string;
  durationMs?: number;
  rows?: number;
  fields?: number;
  bytes?: number;
}

/** Statements of the newest successful reload (the one whose data the app holds), else of the newest reload with metadata. */
export function statementRows(snapshot: AppSnapshot): StatementRow[] {
  const metadata = lastSuccessfulReload(snapshot).metadata ?? snapshot.reloads?.metadata[0];
  return (metadata?.statements ?? []).map((s, i) => ({
    index: i,
    label: s.label || s.tableName || s.type || `Statement ${i + 1}`,
    ...(s.tableName !== undefined ? { tableName: s.tableName } : {}),
    ...(s.connection !== undefined ? { connection: s.connection } : {}),
    ...(s.duration !== undefined ? { durationMs: s.duration } : {}),
    ...(s.nbrOfRows !== undefined ? { rows: s.nbrOfRows } : {}),
    ...(s.nbrOfFields !== undefined ? { fields: s.nbrOfFields } : {}),
    ...(s.dataSize !== undefined ? { bytes: s.dataSize } : {}),
  }));
}

export function lastReloads(snapshot: AppSnapshot, limit = 10): Reload[] {
  return (snapshot.reloads?.reloads ?? []).slice(0, limit);
}

export interface LogLine {
  line: number;
  text: string;
  level: 'warning' | 'error';
}

// Qlik reload logs carry no structured level; these words mark the lines worth reading
// (e.g. "Synthetic key", "Error:", "Warning", "failed"). Seen in the corpus' reload logs.
const LOG_ERROR = /\b(error|failed|failure)\b/i;
const LOG_WARNING = /\b(warning|synthetic key|circular|not found|ignored|skipped)\b/i;

export function logWarnings(snapshot: AppSnapshot, limit = 200): LogLine[] {
  const text = snapshot.reloads?.lastLog?.text ?? '';
  const out: LogLine[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && out.length < limit; i++) {
    const line = lines[i];
    // a reload log echoes CONNECT statements: their credentials are not shown
    if (LOG_ERROR.test(line)) out.push({ line: i + 1, text: redactSecrets(line), level: 'error' });
    else if (LOG_WARNING.test(line)) out.push({ line: i + 1, text: redactSecrets(line), level: 'warning' });
  }
  return out;
}

export interface ScriptLine {
  /** 1-based line number within its tab */
  number: number;
  text: string;
  /** [from, to) of the marked part of this line, when a syntax error starts here */
  error?: { from: number; to: number };
}

export interface ScriptTab {
  name: string;
  lines: ScriptLine[];
  errorCount: number;
}

const TAB_MARKER = /^\/\/\/\$tab\s?(.*)$/;

/**
 * Splits the script at `///$tab Name` markers and marks each syntax error: at `qTextPos`, the
 * "position of the erroneous text from the beginning of the script" (Engine API ScriptSyntaxError,
 * ../shared/qlik/engine-rpc.json), or, without it, on the whole line `qLineInTab` of tab `qTabIx`.
 */
export function scriptTabs(script: Script): ScriptTab[] {
  const errorsAt = new Map<number, number>();
  const errorLines = new Set<string>();
  for (const e of script.syntaxErrors ?? []) {
    if (e.qSecondaryFailure) continue;
    if (e.qTextPos !== undefined) errorsAt.set(e.qTextPos, Math.max(1, e.qErrLen ?? 1));
    else if (e.qTabIx !== undefined && e.qLineInTab !== undefined) errorLines.add(`${e.qTabIx}:${e.qLineInTab}`);
  }
  const tabs: ScriptTab[] = [];
  let current: ScriptTab | undefined;
  let offset = 0;
  const lines = script.text.split('\n');
  for (const raw of lines) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const marker = TAB_MARKER.exec(text);
    if (marker) {
      current = { name: marker[1].trim() || `Tab ${tabs.length + 1}`, lines: [], errorCount: 0 };
      tabs.push(current);
    } else {
      if (!current) {
        current = { name: script.tabs[0] ?? 'Main', lines: [], errorCount: 0 };
        tabs.push(current);
      }
      const line: ScriptLine = { number: current.lines.length + 1, text };
      for (const [pos, len] of errorsAt) {
        if (pos >= offset && pos <= offset + text.length) {
          const from = pos - offset;
          line.error = { from, to: Math.min(text.length, from + len) };
          current.errorCount++;
          break;
        }
      }
      if (!line.error && errorLines.has(`${tabs.length - 1}:${line.number - 1}`)) {
        line.error = { from: 0, to: text.length };
        current.errorCount++;
      }
      current.lines.push(shownLine(line));
    }
    offset += raw.length + 1;
  }
  return tabs;
}

/** The line as shown: credentials redacted; an error mark stays inside the (possibly shorter) text. */
function shownLine(line: ScriptLine): ScriptLine {
  const text = redactSecrets(line.text);
  if (text === line.text) return line;
  if (!line.error) return { ...line, text };
  const from = Math.min(line.error.from, text.length);
  return { ...line, text, error: { from, to: Math.max(from, Math.min(line.error.to, text.length)) } };
}

/** Qlik Cloud's reload statuses (Reloads API) in words; an unknown status is shown as it came. */
const RELOAD_STATUS_WORDS: Record<string, string> = {
  QUEUED: 'Queued',
  RELOADING: 'Reloading',
  CANCELING: 'Being cancelled',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELED: 'Cancelled',
  EXCEEDED_LIMIT: 'Stopped: a limit was exceeded',
};

export function reloadStatusWords(status: string): string {
  return RELOAD_STATUS_WORDS[status.toUpperCase()] ?? status;
}
