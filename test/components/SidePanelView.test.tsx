// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createTabModel } from '../../components/models/tab-model';
import { SidePanelView } from '../../components/SidePanelView';
import { demoApp, finding, report } from '../lib/protocol/report-fixtures';
import { FakeClient } from './fake-client';
import { act, mount } from './render';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('SidePanelView', () => {
  it('invites a first analysis when the app has no report yet', async () => {
    const client = new FakeClient();
    client.tabState = { kind: 'qlik-app', tabId: 2, app: demoApp, run: null };
    const view = await mount(<SidePanelView model={createTabModel(client)} />);
    await view.until('No analysis of this app yet.');
  });

  it('shows the overview, then the findings with a severity filter', async () => {
    const client = new FakeClient();
    client.tabState = { kind: 'qlik-app', tabId: 2, app: demoApp, run: null };
    client.lastResult = report(
      [finding({ id: 'e', message: 'Broken measure' }), finding({ id: 'w', severity: 'warning', message: 'Slow chart' })],
      { score: 74, notes: ['P01 reload-duration could not run: no reload metadata'] },
    );
    const view = await mount(<SidePanelView model={createTabModel(client)} />);
    await view.until('Overview');
    expect(view.text()).toContain('74 / 100 quality score');
    expect(view.text()).toContain('P01 reload-duration could not run');
    expect(view.root.querySelector('[role="tab"][aria-selected="true"]')?.textContent).toBe('Overview');

    await view.click('Findings (2)');
    expect(view.root.querySelectorAll('[data-testid="finding"]')).toHaveLength(2);
    const select = view.root.querySelector<HTMLSelectElement>('#severity-filter')!;
    await act(() => {
      select.value = 'warning';
      select.dispatchEvent(new Event('change'));
    });
    const shown = [...view.root.querySelectorAll('[data-testid="finding"]')].map((li) => li.getAttribute('data-severity'));
    expect(shown).toEqual(['warning']);
    expect(view.text()).toContain('Slow chart');
    expect(view.text()).not.toContain('Broken measure');
  });

  it('follows the active tab', async () => {
    const client = new FakeClient();
    const view = await mount(<SidePanelView model={createTabModel(client)} />);
    await view.until('Not a Qlik app tab');
    expect(client.onActiveTabChange).toHaveBeenCalled();
    const [[listener]] = client.onActiveTabChange.mock.calls as unknown as [[() => void]];
    client.tabState = { kind: 'qlik-app', tabId: 3, app: demoApp, run: null };
    await act(() => listener());
    await view.until('No analysis of this app yet.');
  });
});
