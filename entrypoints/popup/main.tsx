import { render } from 'preact';
import '../../components/styles.css';
import { createBrowserClient } from '../../components/models/browser-client';
import { createTabModel } from '../../components/models/tab-model';
import { PopupView } from '../../components/PopupView';
import type { AnalysisHistory } from '../../lib/extension/last-analysis';

const model = createTabModel(createBrowserClient(location.search));
// "3 new errors, 5 fixed since 1 Dec": the history's newest entry, read from IndexedDB directly.
// The history's code (IndexedDB, its stored schemas) loads when that line is first asked for, after
// the popup's first render.
let history: Promise<AnalysisHistory> | undefined;
const openHistory = () => (history ??= import('../../lib/extension/last-analysis').then((m) => m.createAnalysisHistory()));
render(<PopupView model={model} history={{ list: async (appKey) => (await openHistory()).list(appKey) }} />, document.getElementById('app')!);
