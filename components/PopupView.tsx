// The toolbar popup: what the tab holds, Analyze with progress and Cancel, the last result.
import { AnalysisControls } from './AnalysisControls';
import { LogInCard } from './LogInCard';
import { Header } from './Header';
import type { TabModel } from './models/tab-model';
import { ReportSummary } from './ReportSummary';
import { TabStatus } from './TabStatus';
import { useTabModel } from './useTabModel';
import { ChangeSince, type ChangeSource } from './report/history/ChangeSince';
import { appKeyOf } from '../lib/extension/app-key';

export function PopupView({ model, history }: { model: TabModel; history?: ChangeSource }) {
  useTabModel(model);

  const state = model.tabState.value;
  return (
    <>
      <Header subtitle="Qlik Sense app analyzer" />
      <main>
        {model.error.value && (
          <p class="alert" role="alert">
            {model.error.value}
          </p>
        )}
        {model.loading.value && !state ? (
          <p role="status">Looking at the tab…</p>
        ) : (
          state && <TabStatus state={state} appName={model.report.value?.app.name} onAllowHost={() => void model.allowHost()} />
        )}
        {model.app.value && (
          <AnalysisControls
            run={model.run.value}
            hasReport={!!model.report.value}
            onAnalyse={() => void model.analyse()}
            onCancel={() => void model.cancel()}
            onSkipTimings={() => void model.skipTimings()}
            onOpenReport={() => void model.openSidePanel()}
          />
        )}
        <LogInCard model={model} />
        {model.app.value && model.report.value && (
          <ReportSummary
            report={model.report.value}
            onShow={(finding) => void model.showInApp(finding)}
            onMeasureTimings={() => void model.measureTimingsAgain()}
          />
        )}
        {model.app.value && model.report.value && history && (
          <ChangeSince source={history} appKey={appKeyOf(model.app.value)} refreshKey={`${model.report.value.finishedAt}`} />
        )}
        {model.notice.value && (
          <p role="status" class="muted" data-testid="notice">
            {model.notice.value}
          </p>
        )}
      </main>
    </>
  );
}
