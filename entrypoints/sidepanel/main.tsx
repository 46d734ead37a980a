import { render } from 'preact';
import '@/components/styles.css';
import { createBrowserClient } from '@/components/models/browser-client';
import { createTabModel } from '@/components/models/tab-model';
import { SidePanelView } from '@/components/SidePanelView';

const model = createTabModel(createBrowserClient(location.search));
render(<SidePanelView model={model} />, document.getElementById('app')!);
