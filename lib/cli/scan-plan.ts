// What a scan will do before it opens any app, and how it reports: which apps to open and which to
// skip, the analyzer-capacity estimate, the --yes guard, the summary table. Pure.
import { terminalSafe } from './terminal-safe';
import { formatBytes as formatSize } from '../format/bytes';

/** Qlik Cloud help, "Analyzer Capacity license": consumption is counted in six-minute units per opened app. */
const ANALYZER_CAPACITY_HELP = 'https://help.qlik.com/en-US/cloud-services/Subsystems/Hub/Content/Sense_Hub/Introduction/analyzer-capacity-consumption.htm';
/** apps a non-interactive scan opens without --yes */
export const DEFAULT_CONFIRM_ABOVE = 25;

export interface ScanApp {
  id: string;
  name: string;
  spaceId?: string;
  /** ISO times from the items list: the app's last reload and last modification */
  lastReloadTime?: string;
  modifiedDate?: string;
}

export interface Skipped {
  app: ScanApp;
  reason: 'resume' | 'unchanged';
}

export interface ScanPlan {
  open: ScanApp[];
  skipped: Skipped[];
}

const time = (iso: string | undefined): number | undefined => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : undefined;
};

/**
 * `savedAt`: app id → when its result in --out was written (ms). With --resume any saved result is
 * kept; otherwise (unless --force) an app whose last reload and last modification are both older
 * than its saved result is skipped. An app without both times is always opened: we cannot tell.
 */
export function planScan(apps: readonly ScanApp[], savedAt: ReadonlyMap<string, number>, options: { resume: boolean; force: boolean }): ScanPlan {
  const plan: ScanPlan = { open: [], skipped: [] };
  for (const app of apps) {
    const saved = savedAt.get(app.id);
    if (saved !== undefined && options.resume) {
      plan.skipped.push({ app, reason: 'resume' });
      continue;
    }
    const reload = time(app.lastReloadTime);
    const modified = time(app.modifiedDate);
    if (saved !== undefined && !options.force && reload !== undefined && modified !== undefined && Math.max(reload, modified) < saved) {
      plan.skipped.push({ app, reason: 'unchanged' });
      continue;
    }
    plan.open.push(app);
  }
  return plan;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Printed before any app is opened. */
export function estimateText(plan: ScanPlan, listed: number): string {
  const unchanged = plan.skipped.filter((s) => s.reason === 'unchanged').length;
  const resumed = plan.skipped.length - unchanged;
  const skips = [unchanged ? `${unchanged} unchanged since their saved result` : '', resumed ? `${resumed} already written (--resume)` : ''].filter(Boolean);
  const n = plan.open.length;
  return [
    `Scan: ${plural(listed, 'app')} listed, ${plural(n, 'app')} to open${skips.length ? `, ${skips.join(', ')} skipped` : ''}.`,
    n > 0
      ? `On an analyzer-capacity subscription, opening an app counts like opening it in the Qlik client: at least one six-minute unit per app for the scanning user, so this scan uses at least ${plural(n, 'unit')} (${n * 6} minutes of analyzer capacity). See "Analyzer Capacity license": ${ANALYZER_CAPACITY_HELP}`
      : 'Nothing to open.',
  ].join('\n');
}

export type Confirmation = 'go' | 'ask' | 'refuse';

/** Over the threshold a scan needs --yes, or a person to say yes when it runs in a terminal. */
export function confirmation(appsToOpen: number, threshold: number, yes: boolean, interactive: boolean): Confirmation {
  if (yes || appsToOpen <= threshold) return 'go';
  return interactive ? 'ask' : 'refuse';
}

export function refusalText(appsToOpen: number, threshold: number): string {
  return `This scan would open ${appsToOpen} apps, more than ${threshold} (--confirm-above): run it again with --yes to go ahead.`;
}

export interface SummaryRow {
  app: ScanApp;
  status: 'analysed' | 'failed' | 'skipped';
  /** the failure, or why it was skipped */
  reason?: string;
  score?: number;
  errors?: number;
  warnings?: number;
  /** the app's size in memory (bytes), when known */
  memoryBytes?: number;
  /** memory held by unused fields (bytes, rule R01's total), when known */
  unusedBytes?: number;
  file?: string;
}

/** A size in the table (binary units, lib/format/bytes.ts), `-` when unknown. */
export const formatBytes = (bytes: number | undefined): string => (bytes === undefined ? '-' : formatSize(bytes));

/** The summary table: app, space, score, errors, warnings, memory, unused memory; app content made terminal-safe. */
export function formatSummaryTable(rows: readonly SummaryRow[]): string {
  const header = ['app', 'space', 'score', 'errors', 'warnings', 'memory', 'unused memory', 'status'];
  const cells = rows.map((r) => [
    terminalSafe(`${r.app.name} (${r.app.id})`),
    terminalSafe(r.app.spaceId ?? '-'),
    r.score === undefined ? '-' : String(Math.round(r.score)),
    r.errors === undefined ? '-' : String(r.errors),
    r.warnings === undefined ? '-' : String(r.warnings),
    formatBytes(r.memoryBytes),
    formatBytes(r.unusedBytes),
    terminalSafe(r.status === 'analysed' ? 'ok' : `${r.status}: ${r.reason ?? ''}`),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const numeric = new Set([2, 3, 4, 5, 6]);
  const line = (c: string[]) =>
    c
      .map((v, i) => (i === c.length - 1 ? v : numeric.has(i) ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n')}\n`;
}

export function openedText(opened: number): string {
  return `Opened ${plural(opened, 'app')} (each counts at least one six-minute unit on an analyzer-capacity subscription).`;
}
