import { render } from 'preact';
import '@/components/styles.css';
import { createBrowserClient } from '@/components/models/browser-client';
import { createTabModel } from '@/components/models/tab-model';
import { PopupView } from '@/components/PopupView';
import { createAnalysisHistory } from '@/lib/extension/last-analysis';

const model = createTabModel(createBrowserClient(location.search));
// "3 new errors, 5 fixed since 1 Dec": the history's newest entry, read from IndexedDB directly.
const history = createAnalysisHistory();
render(<PopupView model={model} history={{ list: (appKey) => history.list(appKey) }} />, document.getElementById('app')!);
