import { render } from 'preact';
import '../../components/styles.css';
import { createBrowserClient } from '../../components/models/browser-client';
import { OptionsView } from '../../components/options/OptionsView';
import { createOptionsEnvironment } from './environment';

render(<OptionsView client={createBrowserClient(location.search)} env={createOptionsEnvironment()} />, document.getElementById('app')!);
