import { render } from 'preact';
import '@/components/styles.css';
import { createBrowserClient } from '@/components/models/browser-client';
import { createTabModel } from '@/components/models/tab-model';
import { SidePanelView } from '@/components/SidePanelView';
import { createAnalysisHistory } from '@/lib/extension/last-analysis';

const model = createTabModel(createBrowserClient(location.search));
// The full report is read from the extension's IndexedDB directly (see lib/extension/history-store.ts).
const history = createAnalysisHistory();
render(<SidePanelView model={model} history={history} />, document.getElementById('app')!);
