// Words for the views: pure, so they are tested on their own. Numbers, sizes, durations and dates
// follow the reader's locale through lib/report/format.ts.
import type { AnalysisPhase, AnalysisRun } from '../lib/protocol/run';
import type { ReportFinding } from '../lib/report/report-schema';
import type { QlikApp } from '../lib/protocol/tab-state';
import { targetDisplayName } from '../lib/report/names';

const PHASE_LABEL: Record<AnalysisPhase, string> = {
  connecting: 'Connecting to the app…',
  collecting: 'Reading the app…',
  measuring: 'Measuring calculation times…',
  analysing: 'Running the rules…',
  done: 'Analysis complete',
  failed: 'Analysis failed',
  cancelled: 'Analysis cancelled',
};

export function phaseLabel(run: AnalysisRun): string {
  return run.detail && run.phase !== 'done' ? `${PHASE_LABEL[run.phase]} ${run.detail}` : PHASE_LABEL[run.phase];
}

/** 0..1 for a determinate progress bar, or undefined while the total is unknown. */
export function progressFraction(run: AnalysisRun): number | undefined {
  if (!run.progress || run.progress.total === 0) return undefined;
  return Math.min(1, run.progress.done / run.progress.total);
}

export function describeApp(app: QlikApp): string {
  const where = app.view === 'sheet' ? ' (sheet open)' : app.view === 'dataloadeditor' ? ' (data load editor)' : '';
  return `App ${app.appId}${where}`;
}


/** `object “Margin KPI”`; an untitled object by its type in words (`object “Bar chart”`), never its type code or id. */
export function targetLabel(finding: ReportFinding): string | undefined {
  const target = finding.target;
  if (!target) return undefined;
  const isObject = target.kind === 'object' || target.kind === 'master-object';
  const name = isObject ? targetDisplayName({ kind: target.kind as 'object' | 'master-object', id: target.id ?? '', ...(target.name !== undefined ? { name: target.name } : {}) }) : (target.name ?? target.id);
  return name ? `${target.kind} “${name}”` : target.kind;
}

export function canShowInApp(finding: ReportFinding): boolean {
  const target = finding.target;
  return !!target && (target.kind === 'sheet' || target.kind === 'object' || !!target.sheetId);
}
