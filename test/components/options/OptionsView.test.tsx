// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OptionsView } from '../../../components/options/OptionsView';
import type { OptionsEnvironment } from '../../../components/options/environment';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/protocol/settings';
import { RULES } from '../../../lib/rules/index';
import { z } from '../../../lib/schema/zod';
import { FakeClient } from '../fake-client';
import { act, mount } from '../render';

afterEach(() => {
  document.body.innerHTML = '';
});

function fakeEnv(): OptionsEnvironment & { copied: string[] } {
  const copied: string[] = [];
  return {
    copied,
    originInfo: { origin: 'moz-extension://1234-abcd', perInstall: true, note: 'Firefox gives every installation its own address.' },
    oauthRedirectUrl: 'https://abc.extensions.allizom.org/qlik',
    apiKeyEngine: true,
    isSignedIn: vi.fn(async () => false),
    signIn: vi.fn(async () => {}),
    signOut: vi.fn(async () => {}),
    copy: vi.fn(async (text: string) => {
      copied.push(text);
    }),
  };
}

const $ = <T extends Element = HTMLInputElement>(root: Element, selector: string) => {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
};

async function type(input: HTMLInputElement, value: string) {
  await act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  });
}

async function submit(root: Element) {
  await act(async () => {
    $(root, 'form').dispatchEvent(new Event('submit', { cancelable: true }));
  });
}

describe('OptionsView (options page)', () => {
  it('saves the default connection mode and shows the origin to allow-list with the Firefox note', async () => {
    const client = new FakeClient();
    const env = fakeEnv();
    const view = await mount(<OptionsView client={client} env={env} />);
    await view.until('My Qlik session (recommended)');
    expect(view.text()).toContain('always runs as you');
    // what an analysis costs on analyzer capacity (Qlik help "Analyzer Capacity license"): opening the app, as the client does
    expect($(view.root, '[data-testid="runs-as-user"]').textContent).toContain('An analysis opens the app like the Qlik client does; with analyzer capacity it can consume a unit');
    expect(view.text()).not.toContain("nothing counted against anyone else's capacity");
    await act(() => $(view.root, '#mode-web-integration').click());
    expect(view.text()).toContain('moz-extension://1234-abcd');
    expect(view.text()).toContain('Firefox gives every installation');
    await view.click('Copy');
    expect(env.copied).toEqual(['moz-extension://1234-abcd']);

    await submit(view.root);
    expect(client.setSettings).not.toHaveBeenCalled();
    expect($(view.root, '#web-integration-id').getAttribute('aria-invalid')).toBe('true');
    await type($(view.root, '#web-integration-id'), 'wi-1');
    await submit(view.root);
    expect(client.setSettings).toHaveBeenCalledWith({ connection: { mode: 'web-integration', webIntegrationId: 'wi-1', oauthClientId: '', apiKey: '' } });
    await view.until('Saved.');
  });

  it('adds a tenant with its own OAuth connection, shows the redirect URL and signs in', async () => {
    const client = new FakeClient();
    const env = fakeEnv();
    const view = await mount(<OptionsView client={client} env={env} />);
    await view.until('Connection per tenant');
    await type($(view.root, '#add-tenant'), 'https://Acme.EU.qlikcloud.com/sense/app/1');
    await view.click('Add tenant');
    await view.until('acme.eu.qlikcloud.com');
    await act(() => $(view.root, '#t0-mode-oauth').click());
    expect(view.text()).toContain('https://abc.extensions.allizom.org/qlik');
    await type($(view.root, '#t0-oauth-client-id'), 'client-9');
    await view.until('Not signed in to acme.eu.qlikcloud.com.');
    await view.click('Sign in');
    expect(env.signIn).toHaveBeenCalledWith('https://acme.eu.qlikcloud.com', 'client-9');
    await view.until('Signed in to acme.eu.qlikcloud.com.');
    await submit(view.root);
    const saved = client.setSettings.mock.calls[0]![0];
    expect(saved.connection.mode).toBe('session');
    expect(saved.tenants).toEqual({ 'acme.eu.qlikcloud.com': { mode: 'oauth', webIntegrationId: '', oauthClientId: 'client-9', apiKey: '' } });
  });

  it('says OAuth cannot sign in when the browser has no identity API, and offers no sign-in button', async () => {
    const env = { ...fakeEnv(), oauthRedirectUrl: undefined };
    const view = await mount(<OptionsView client={new FakeClient()} env={env} />);
    await view.until('Connection per tenant');
    await type($(view.root, '#add-tenant'), 'acme.eu.qlikcloud.com');
    await view.click('Add tenant');
    await act(() => $(view.root, '#t0-mode-oauth').click());
    await type($(view.root, '#t0-oauth-client-id'), 'client-9');
    expect(view.text()).toContain('does not offer the identity API');
    expect(() => view.button('Sign in')).toThrow();
  });

  it('API key: says whether this browser can use the key for the engine', async () => {
    for (const [apiKeyEngine, expected] of [
      [false, 'Engine analysis needs another mode in this browser'],
      [true, 'sends the key on the engine connection too'],
    ] as const) {
      const view = await mount(<OptionsView client={new FakeClient()} env={{ ...fakeEnv(), apiKeyEngine }} />);
      await view.until('Connection per tenant');
      await type($(view.root, '#add-tenant'), 'acme.eu.qlikcloud.com');
      await view.click('Add tenant');
      await act(() => $(view.root, '#t0-mode-api-key').click());
      expect($(view.root, '[data-testid="api-key-engine-note"]').textContent).toContain(expected);
      document.body.innerHTML = '';
    }
  });

  it('refuses a tenant that is not a host name', async () => {
    const view = await mount(<OptionsView client={new FakeClient()} env={fakeEnv()} />);
    await view.until('Connection per tenant');
    await type($(view.root, '#add-tenant'), 'not a host!');
    await view.click('Add tenant');
    expect(view.text()).toContain('Enter a host name');
    expect(view.root.querySelector('[aria-label^="Tenant "]')).toBeNull();
  });

  it('generates the rule options from the metadata, validates them and resets to default', async () => {
    const client = new FakeClient();
    const view = await mount(<OptionsView client={client} />);
    await view.until('Rules');
    const p01 = RULES.find((r) => r.code === 'P01')!;
    const first = $(view.root, '#f-rule-P01-firstMs');
    expect(first.type).toBe('number');
    expect(first.value).toBe('1000');
    expect(view.text()).toContain(z.globalRegistry.get(p01.options.shape.firstMs)!.description!);
    expect($(view.root, '#f-rule-Q14-ignoreCase').type).toBe('checkbox');
    expect($(view.root, '#f-rule-D13-variable').value).toBe('^v[A-Z0-9_]');

    await type(first, '-5');
    await type($(view.root, '#f-rule-D13-variable'), '([');
    await submit(view.root);
    expect(client.setSettings).not.toHaveBeenCalled();
    expect(view.text()).toContain('Not saved: 2 fields need attention');
    expect(view.text()).toContain('Not a valid regular expression');
    expect(first.getAttribute('aria-invalid')).toBe('true');

    await type(first, '2500');
    await act(() => $(view.root, 'button[aria-label="Reset D13 naming-convention to default"]').click());
    await act(() => {
      const select = $<HTMLSelectElement>(view.root, '#rule-R01-severity');
      select.value = 'off';
      select.dispatchEvent(new Event('change'));
    });
    await act(() => {
      const select = $<HTMLSelectElement>(view.root, '#category-design');
      select.value = 'info';
      select.dispatchEvent(new Event('change'));
    });
    await submit(view.root);
    expect(client.setSettings).toHaveBeenCalledWith({
      connection: DEFAULT_SETTINGS.connection,
      analysis: { rules: { P01: { options: { firstMs: 2500 } }, R01: { severity: 'off' } }, categories: { design: 'info' } },
    });

    await view.click('Reset all rules to default');
    expect($(view.root, '#f-rule-P01-firstMs').value).toBe('1000');
    await submit(view.root);
    expect(client.setSettings).toHaveBeenLastCalledWith({ connection: DEFAULT_SETTINGS.connection });
  });

  it('validates the data retention', async () => {
    const client = new FakeClient();
    const view = await mount(<OptionsView client={client} />);
    await view.until('Data retention');
    expect($(view.root, '#retention-max-apps').value).toBe('20');
    await type($(view.root, '#retention-max-apps'), '0');
    await type($(view.root, '#retention-max-age'), '1.5');
    await submit(view.root);
    expect(client.setSettings).not.toHaveBeenCalled();
    expect(view.text()).toContain('Keep at least 1 app.');
    expect(view.text()).toContain('Enter a whole number.');
    await type($(view.root, '#retention-max-apps'), '50');
    await type($(view.root, '#retention-max-age'), '30');
    await type($(view.root, '#retention-full-reports'), '60');
    await submit(view.root);
    expect(client.setSettings).not.toHaveBeenCalled();
    expect(view.text()).toContain('At most 50 full reports.');
    await type($(view.root, '#retention-full-reports'), '5');
    await submit(view.root);
    expect(client.setSettings).toHaveBeenCalledWith({
      connection: DEFAULT_SETTINGS.connection,
      retention: { maxApps: 50, maxAgeDays: 30, maxAnalysesPerApp: 100, fullReportsPerApp: 5 },
    });
  });

  it('chooses the timing pass: quick by default, full saved when picked', async () => {
    const client = new FakeClient();
    const view = await mount(<OptionsView client={client} />);
    await view.until('Object timings');
    expect($(view.root, '#timing-mode-quick').checked).toBe(true);
    expect(view.text()).toContain('Quick (default)');
    await act(() => $(view.root, '#timing-mode-full').click());
    await submit(view.root);
    expect(client.setSettings).toHaveBeenCalledWith({ connection: DEFAULT_SETTINGS.connection, timingMode: 'full' });
  });

  it('imports a valid file, keeping the local API key, and refuses a bad one without changing anything', async () => {
    const client = new FakeClient();
    const tenant = 'acme.eu.qlikcloud.com';
    client.settings = { ...DEFAULT_SETTINGS, tenants: { [tenant]: { ...DEFAULT_SETTINGS.connection, mode: 'api-key', apiKey: 'secret' } } };
    const view = await mount(<OptionsView client={client} />);
    await view.until('Export and import');
    const input = $(view.root, '#import-settings');
    const choose = async (text: string) => {
      Object.defineProperty(input, 'files', { configurable: true, value: [new File([text], 'settings.json', { type: 'application/json' })] });
      await act(async () => {
        input.dispatchEvent(new Event('change'));
      });
    };

    await choose('{ not json');
    await view.until('This file is not JSON');
    await choose(JSON.stringify({ connection: { mode: 'teleport' } }));
    await view.until('does not hold valid Qlarity settings, nothing was changed');
    expect(client.setSettings).not.toHaveBeenCalled();

    const keyless = { mode: 'api-key' as const, webIntegrationId: '', oauthClientId: '', apiKey: '' };
    // a tenant of the file without a key here does not borrow another tenant's key: refused
    await choose(JSON.stringify({ ...DEFAULT_SETTINGS, tenants: { 'other.eu.qlikcloud.com': keyless } }));
    await view.until('tenants.other.eu.qlikcloud.com.apiKey: API key mode needs an API key.');
    expect(client.setSettings).not.toHaveBeenCalled();

    const imported: Settings = { ...DEFAULT_SETTINGS, tenants: { [tenant]: keyless }, retention: { maxApps: 5, maxAgeDays: 7 } };
    await choose(JSON.stringify(imported));
    await view.until('Imported and saved.');
    expect(client.setSettings).toHaveBeenCalledWith({ ...imported, tenants: { [tenant]: { ...keyless, apiKey: 'secret' } } });
    expect($(view.root, '#retention-max-apps').value).toBe('5');
  });

  it('reads an exported file of an older version with API-key mode as default: no key for other hosts, and the note asks for it per tenant', async () => {
    const client = new FakeClient();
    client.settings = { ...DEFAULT_SETTINGS, tenants: { 'acme.eu.qlikcloud.com': { ...DEFAULT_SETTINGS.connection, mode: 'api-key', apiKey: 'secret' } } };
    const view = await mount(<OptionsView client={client} />);
    await view.until('Export and import');
    const input = $(view.root, '#import-settings');
    const old = { connection: { mode: 'api-key', webIntegrationId: '', oauthClientId: '', apiKey: '' } };
    Object.defineProperty(input, 'files', { configurable: true, value: [new File([JSON.stringify(old)], 'settings.json')] });
    await act(async () => {
      input.dispatchEvent(new Event('change'));
    });
    await view.until('Imported and saved.');
    const saved = client.setSettings.mock.calls.at(-1)?.[0] as Settings;
    expect(saved.connection.mode).toBe('session');
    expect(JSON.stringify(saved)).not.toContain('secret');
    await view.until('Enter it again under "Connection per tenant"');
  });

  it('offers API-key mode only per tenant, says the key goes to that tenant only, and explains a removed default key until dismissed', async () => {
    const client = new FakeClient();
    client.settings = { ...DEFAULT_SETTINGS, defaultApiKeyRemoved: true };
    const view = await mount(<OptionsView client={client} env={fakeEnv()} />);
    await view.until('Connection per tenant');
    expect(view.root.querySelector('#mode-api-key')).toBeNull();
    expect($(view.root, '[data-testid="api-key-per-tenant"]').textContent).toContain('API keys are entered per tenant');
    expect($(view.root, '[data-testid="default-api-key-removed"]').textContent).toContain('That key was removed');
    await type($(view.root, '#add-tenant'), 'acme.eu.qlikcloud.com');
    await view.click('Add tenant');
    await act(() => $(view.root, '#t0-mode-api-key').click());
    expect(view.text()).toContain('Sent only to acme.eu.qlikcloud.com: never to another host');
    await type($(view.root, '#t0-api-key'), 'k1');
    await view.click('Dismiss (saved with the form)');
    expect(view.root.querySelector('[data-testid="default-api-key-removed"]')).toBeNull();
    await submit(view.root);
    expect(client.setSettings).toHaveBeenCalledWith({
      connection: DEFAULT_SETTINGS.connection,
      tenants: { 'acme.eu.qlikcloud.com': { ...DEFAULT_SETTINGS.connection, mode: 'api-key', apiKey: 'k1' } },
    });
  });

  it('keeps the API key in a password field and shows a storage error', async () => {
    const client = new FakeClient();
    client.settings = { ...DEFAULT_SETTINGS, tenants: { 'acme.eu.qlikcloud.com': { ...DEFAULT_SETTINGS.connection, mode: 'api-key', apiKey: 'secret' } } };
    client.setSettings.mockRejectedValueOnce(new Error('Storage quota exceeded.'));
    const view = await mount(<OptionsView client={client} />);
    await view.until('API key');
    expect($(view.root, '#t0-api-key').type).toBe('password');
    await submit(view.root);
    await view.until('Storage quota exceeded.');
  });

  it('gives an app its own rules: picked from the analysed apps or typed, validated, saved, removed', async () => {
    const client = new FakeClient();
    const demo = '9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63';
    client.analysedApps = [{ appKey: `https://demo.eu.qlikcloud.com|${demo}`, appId: demo, name: '<b>Qlarity Demo</b> – Sales', origin: 'https://demo.eu.qlikcloud.com', savedAt: 1 }];
    const view = await mount(<OptionsView client={client} />);
    await view.until('Rules per app');
    await view.until('Qlarity Demo');
    expect(view.text()).toContain('No app has rules of its own.');

    // a typed id that is not an app id is refused
    await type($(view.root, '#add-app'), 'not an id!');
    await view.click('Add app');
    expect(view.text()).toContain('Enter an app id');
    expect(view.root.querySelector('[data-testid="app-rules"]')).toBeNull();

    await act(() => {
      const pick = $<HTMLSelectElement>(view.root, '#add-app-pick');
      pick.value = demo;
      pick.dispatchEvent(new Event('change'));
    });
    expect($(view.root, '#add-app').value).toBe(demo);
    await view.click('Add app');
    const section = $(view.root, '[data-testid="app-rules"]');
    expect(section.getAttribute('aria-label')).toBe('Rules for app <b>Qlarity Demo</b> – Sales');
    expect(section.querySelector('b')).toBeNull(); // the app name is text
    expect(view.text()).toContain('Nothing changed yet');

    await act(() => {
      const select = $<HTMLSelectElement>(view.root, '#app0-rule-D01-severity');
      select.value = 'off';
      select.dispatchEvent(new Event('change'));
    });
    const threshold = $(view.root, '#f-app0-rule-P01-firstMs');
    expect(threshold.value).toBe('1000');
    await type(threshold, '-1');
    await submit(view.root);
    expect(client.setSettings).not.toHaveBeenCalled();
    expect(threshold.getAttribute('aria-invalid')).toBe('true');
    expect($(view.root, '#f-rule-P01-firstMs').getAttribute('aria-invalid')).toBeNull(); // the rule for all apps is fine
    await type(threshold, '250');
    await submit(view.root);
    expect(client.setSettings).toHaveBeenLastCalledWith({
      connection: DEFAULT_SETTINGS.connection,
      analysis: { rules: {}, categories: {}, apps: { [demo]: { rules: { D01: { severity: 'off' }, P01: { options: { firstMs: 250 } } }, categories: {} } } },
    });
    expect(view.text()).toContain('2 settings differ from all apps.');

    // a typed id: the same app again is refused, another one is added
    await type($(view.root, '#add-app'), demo);
    await view.click('Add app');
    expect(view.text()).toContain('already has rules of its own');
    await type($(view.root, '#add-app'), 'other-app-1');
    await view.click('Add app');
    expect(view.root.querySelectorAll('[data-testid="app-rules"]')).toHaveLength(2);

    await act(() => $<HTMLButtonElement>(view.root, `button[aria-label="Remove the rules of app ${demo}"]`).click());
    await act(() => $<HTMLButtonElement>(view.root, 'button[aria-label="Remove the rules of app other-app-1"]').click());
    await submit(view.root);
    expect(client.setSettings).toHaveBeenLastCalledWith({ connection: DEFAULT_SETTINGS.connection });
  });

  it('imports per-app rules, and refuses a file whose per-app rules are invalid', async () => {
    const client = new FakeClient();
    const view = await mount(<OptionsView client={client} />);
    await view.until('Export and import');
    const input = $(view.root, '#import-settings');
    const choose = async (value: unknown) => {
      Object.defineProperty(input, 'files', { configurable: true, value: [new File([JSON.stringify(value)], 'settings.json')] });
      await act(async () => {
        input.dispatchEvent(new Event('change'));
      });
    };
    const base = { connection: DEFAULT_SETTINGS.connection };
    await choose({ ...base, analysis: { rules: {}, categories: {}, apps: { 'app-1': { rules: { P01: { options: { firstMs: 'slow' } } }, categories: {} } } } });
    await view.until('analysis.apps.app-1.rules.P01.options.firstMs');
    await choose({ ...base, analysis: { rules: {}, categories: {}, apps: { 'app-1': { rules: { Z99: 'off' }, categories: {} } } } });
    await view.until('There is no rule "Z99" (app-1)');
    expect(client.setSettings).not.toHaveBeenCalled();
    const good = { ...base, analysis: { rules: {}, categories: {}, apps: { 'app-1': { rules: { R01: 'off' }, categories: { design: 'info' } } } } };
    await choose(good);
    await view.until('Imported and saved.');
    expect(client.setSettings).toHaveBeenCalledWith(good);
    expect($<HTMLSelectElement>(view.root, '#app0-rule-R01-severity').value).toBe('off');
    expect($<HTMLSelectElement>(view.root, '#app0-category-design').value).toBe('info');
  });
});
