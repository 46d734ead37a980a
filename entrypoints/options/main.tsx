import { render } from 'preact';
import '@/components/styles.css';
import { createBrowserClient } from '@/components/models/browser-client';
import { OptionsView } from '@/components/OptionsView';

render(<OptionsView client={createBrowserClient(location.search)} />, document.getElementById('app')!);
