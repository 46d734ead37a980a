// The side panel: the app in the active tab, with Analyze, and the full report of its last
// analysis (FullReport, from IndexedDB). Without a stored full analysis (none yet, or one saved by
// an older version) it falls back to the stored summary: Overview and Findings.
import { signal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { SEVERITIES } from '../lib/analyze/severity-order';
import { type Severity } from '../lib/analyze/severity';
import { findingTargetOf } from '../lib/report/analysis-report';
import { appKeyOf } from '../lib/extension/app-key';
import { AnalysisControls } from './AnalysisControls';
import { LogInCard } from './LogInCard';
import { FindingList } from './FindingList';
import { lazyView } from './LazyView';
import type { HistoryActions } from './report/history/AnalysisWorkspace';
import { useLastAnalysis, type HistorySource } from './useLastAnalysis';
import type { Target } from '../lib/analyze/result';
import { SEVERITY_PLURAL } from '../lib/report/labels';
import { Header } from './Header';
import type { TabModel } from './models/tab-model';
import { Overview } from './Overview';
import { TabStatus } from './TabStatus';
import { TimingNote } from './TimingNote';
import { useTabModel } from './useTabModel';

// The full report (views, data-model graph, history, rule texts) is its own chunk: the side panel's
// first view does not wait for it.
const AnalysisWorkspace = lazyView(() => import('./report/history/AnalysisWorkspace').then((m) => m.AnalysisWorkspace), 'report');
const FullReport = lazyView(() => import('./FullReport').then((m) => m.FullReport), 'report');

type View = 'overview' | 'findings';

export function SidePanelView({
  model,
  history,
  historyActions,
  version,
}: {
  model: TabModel;
  history?: HistorySource;
  /** the app's history (list, open, compare, import) and the Export menu; without it only the latest report shows */
  historyActions?: HistoryActions;
  version?: string;
}) {
  const view = useMemo(() => signal<View>('overview'), []);
  const filter = useMemo(() => signal<Severity | 'all'>('all'), []);
  useTabModel(model);

  const state = model.tabState.value;
  const report = model.report.value;
  const app = model.app.value;
  const run = model.run.value;
  const last = useLastAnalysis(history, app ? appKeyOf(app) : null, `${run?.runId ?? ''}:${run?.phase ?? ''}:${run?.reportAt ?? ''}`);
  const full = app ? last.analysis : null;
  // The model shows a summary finding; only its target matters to "Show in app".
  const showInApp = (target: Target) =>
    void model.showInApp({ id: 'show-in-app', ruleCode: '-', ruleName: '-', severity: 'info', message: '', target: findingTargetOf(target) });
  const findings = report
    ? report.findings.filter((finding) => filter.value === 'all' || finding.severity === filter.value)
    : [];
  return (
    <>
      <Header subtitle={full?.result.app.name || report?.app.name || 'Qlik Sense app analyzer'} />
      <main>
        {model.error.value && (
          <p class="alert" role="alert">
            {model.error.value}
          </p>
        )}
        {state && state.kind !== 'qlik-app' && <TabStatus state={state} onAllowHost={() => void model.allowHost()} />}
        {model.loading.value && !state && <p role="status">Looking at the tab…</p>}
        {model.app.value && (
          <AnalysisControls
            run={model.run.value}
            hasReport={!!report}
            onAnalyse={() => void model.analyse()}
            onCancel={() => void model.cancel()}
            onSkipTimings={() => void model.skipTimings()}
          />
        )}
        <LogInCard model={model} />
        {model.notice.value && (
          <p role="status" class="muted" data-testid="notice">
            {model.notice.value}
          </p>
        )}
        {last.error && (
          <p class="alert" role="alert">
            {last.error}
          </p>
        )}
        {report && <TimingNote timings={report.timings} onMeasureAgain={() => void model.measureTimingsAgain()} />}
        {full && app && historyActions && (
          <AnalysisWorkspace actions={historyActions} appKey={appKeyOf(app)} last={full} version={version} onShowInApp={showInApp} onSetHidden={last.setHidden} />
        )}
        {full && !historyActions && <FullReport analysis={full} onShowInApp={showInApp} onSetHidden={last.setHidden} />}
        {model.app.value && !report && !full && !model.running.value && (
          <p class="muted" data-testid="no-report">
            No analysis of this app yet. Choose Analyze to check it.
          </p>
        )}
        {model.app.value && report && !full && (
          <>
            <div class="tabs" role="tablist" aria-label="Report views">
              {(['overview', 'findings'] as const).map((name) => (
                <button
                  key={name}
                  role="tab"
                  id={`tab-${name}`}
                  aria-selected={view.value === name}
                  aria-controls={`panel-${name}`}
                  onClick={() => (view.value = name)}
                >
                  {name === 'overview' ? 'Overview' : `Findings (${report.findings.length})`}
                </button>
              ))}
            </div>
            {view.value === 'overview' ? (
              <div role="tabpanel" id="panel-overview" aria-labelledby="tab-overview">
                <Overview report={report} />
              </div>
            ) : (
              <div role="tabpanel" id="panel-findings" aria-labelledby="tab-findings">
                <h2>Findings</h2>
                <div class="row" style={{ marginBottom: '8px' }}>
                  <label for="severity-filter" style={{ margin: 0 }}>
                    Show
                  </label>
                  <select
                    id="severity-filter"
                    style={{ width: 'auto' }}
                    value={filter.value}
                    onChange={(event) => (filter.value = (event.currentTarget as HTMLSelectElement).value as Severity | 'all')}
                  >
                    <option value="all">All severities</option>
                    {SEVERITIES.map((severity) => (
                      <option key={severity} value={severity}>
                        {SEVERITY_PLURAL[severity]}
                      </option>
                    ))}
                  </select>
                </div>
                {findings.length === 0 ? (
                  <p class="muted">No findings to show.</p>
                ) : (
                  <FindingList findings={findings} onShow={(finding) => void model.showInApp(finding)} />
                )}
              </div>
            )}
          </>
        )}
      </main>
    </>
  );
}
