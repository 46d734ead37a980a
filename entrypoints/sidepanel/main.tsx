import { render } from 'preact';
import { browser } from 'wxt/browser';
import '../../components/styles.css';
import { createBrowserClient } from '../../components/models/browser-client';
import { createTabModel } from '../../components/models/tab-model';
import type { HistoryActions } from '../../components/report/history/AnalysisWorkspace';
import { SidePanelView } from '../../components/SidePanelView';
import { createAnalysisHistory } from '../../lib/extension/last-analysis';
import { loadSettings } from '../../lib/extension/storage';

const model = createTabModel(createBrowserClient(location.search));
// The full report and the history are read from the extension's IndexedDB directly (see lib/extension/history-store.ts).
const history = createAnalysisHistory();
const historyActions: HistoryActions = {
  list: (appKey) => history.list(appKey),
  open: (appKey, id) => history.open(appKey, id),
  setHidden: (appKey, finding, hidden) => history.setHidden(appKey, finding, hidden),
  // an import follows the retention setting, read when the file is chosen
  importJson: async (appKey, appId, text) => history.importJson(appKey, appId, text, await loadSettings()),
};
render(
  <SidePanelView model={model} history={history} historyActions={historyActions} version={browser.runtime.getManifest().version} />,
  document.getElementById('app')!,
);
