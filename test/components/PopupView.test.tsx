// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createTabModel } from '@/components/models/tab-model';
import { PopupView } from '@/components/PopupView';
import { appKeyOf } from '@/lib/protocol/tab-state';
import { demoApp, finding, report } from '../lib/protocol/report-fixtures';
import { FakeClient } from './fake-client';
import { act, mount } from './render';

afterEach(() => {
  document.body.innerHTML = '';
});

function appTab(client: FakeClient) {
  client.tabState = { kind: 'qlik-app', tabId: 7, app: demoApp, run: null };
}

describe('PopupView', () => {
  it('says when the tab is not a Qlik app, with next steps, and offers no Analyze', async () => {
    const client = new FakeClient();
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Not a Qlik app tab');
    expect(view.text()).toContain('Open your Qlik Cloud tenant and sign in.');
    expect(() => view.button('Analyze')).toThrow();
  });

  it('shows the detected app; Analyze starts a run, progress shows with Cancel, done shows the summary', async () => {
    const client = new FakeClient();
    appTab(client);
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Qlik app detected');
    expect(view.text()).toContain(demoApp.appId);

    await view.click('Analyze');
    expect(client.startAnalysis).toHaveBeenCalledWith(7);
    await view.until('Connecting to the app');

    const appKey = appKeyOf(demoApp);
    await act(() =>
      client.emit({ type: 'analysis-progress', tabId: 7, run: { runId: 'r1', appKey, phase: 'collecting', startedAt: 1, progress: { done: 3, total: 12 }, detail: 'sheet 3 of 12' } }),
    );
    await view.until('Reading the app… sheet 3 of 12');
    expect(view.root.querySelector('progress')?.getAttribute('value')).toBe('0.25');
    await view.click('Cancel');
    expect(client.cancelAnalysis).toHaveBeenCalledWith(7);

    // Events for another tab are not ours.
    await act(() => client.emit({ type: 'analysis-progress', tabId: 8, run: { runId: 'x', appKey, phase: 'failed', startedAt: 1, error: { code: 'x', message: 'other tab' } } }));
    expect(view.text()).not.toContain('other tab');

    client.lastResult = report([
      finding({ id: 'a', message: 'First error' }),
      finding({ id: 'b', severity: 'warning', message: 'A warning' }),
      finding({ id: 'c', severity: 'warning', message: 'Another warning' }),
      finding({ id: 'd', severity: 'info', message: 'Some info', target: { kind: 'field', id: 'F' } }),
    ]);
    await act(() => client.emit({ type: 'analysis-progress', tabId: 7, run: { runId: 'r1', appKey, phase: 'done', startedAt: 1, finishedAt: 2 } }));
    await view.until('4 findings');
    expect(client.getLastResult).toHaveBeenLastCalledWith(appKey);
    expect(view.text()).toContain('Errors: 1');
    expect(view.text()).toContain('Warnings: 2');
    expect(view.text()).toContain('Info: 1');
    expect(view.root.querySelectorAll('[data-testid="finding"]')).toHaveLength(3);
    expect(view.text()).toContain('…and 1 more.');
    expect(view.button('Analyze again')).toBeTruthy();

    await view.click(/Show in app: First error/);
    expect(client.showInApp).toHaveBeenCalledWith(7, expect.objectContaining({ kind: 'object', id: 'obj-1' }));
    await view.until('Highlighted the object in the Qlik tab.');

    await view.click('Open side panel');
    expect(client.openSidePanel).toHaveBeenCalledWith(7);
  });

  it('shows why a run failed', async () => {
    const client = new FakeClient();
    client.tabState = {
      kind: 'qlik-app',
      tabId: 7,
      app: demoApp,
      run: { runId: 'r', appKey: 'k', phase: 'failed', startedAt: 1, error: { code: 'not-signed-in', message: 'Sign in to demo.eu.qlikcloud.com first.' } },
    };
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Sign in to demo.eu.qlikcloud.com first.');
    expect(view.root.querySelector('[role="alert"]')?.textContent).toContain('Sign in');
    expect(view.text()).toContain('Analysis failed');
  });

  it('asks for access to an on-premise host and reloads once granted', async () => {
    const client = new FakeClient();
    const app = { ...demoApp, origin: 'https://qlik.example.com', host: 'qlik.example.com', hostKind: 'other' as const };
    client.tabState = { kind: 'needs-permission', tabId: 7, app, originPattern: 'https://qlik.example.com/*' };
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Allow Qlarity on qlik.example.com?');
    client.tabState = { kind: 'qlik-app', tabId: 7, app, run: null };
    await view.click('Allow access to qlik.example.com');
    expect(client.requestHostAccess).toHaveBeenCalledWith('https://qlik.example.com/*');
    await view.until('Qlik app detected');
  });

  it('says so when access is refused', async () => {
    const client = new FakeClient();
    client.grant = false;
    const app = { ...demoApp, origin: 'https://qlik.example.com', host: 'qlik.example.com', hostKind: 'other' as const };
    client.tabState = { kind: 'needs-permission', tabId: 7, app, originPattern: 'https://qlik.example.com/*' };
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Allow Qlarity');
    await view.click('Allow access to qlik.example.com');
    await view.until('Access to qlik.example.com was not granted.');
  });

  it('shows an error when the background cannot be reached', async () => {
    const client = new FakeClient();
    client.getTabState.mockRejectedValueOnce(new Error('Could not establish connection.'));
    const view = await mount(<PopupView model={createTabModel(client)} />);
    await view.until('Could not establish connection.');
  });
});
