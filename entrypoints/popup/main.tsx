import { render } from 'preact';
import '@/components/styles.css';
import { createBrowserClient } from '@/components/models/browser-client';
import { createTabModel } from '@/components/models/tab-model';
import { PopupView } from '@/components/PopupView';

const model = createTabModel(createBrowserClient(location.search));
render(<PopupView model={model} />, document.getElementById('app')!);
