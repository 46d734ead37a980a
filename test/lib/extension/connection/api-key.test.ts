// API-key mode: the key leaves only for the tenant host it was entered for (REST and the engine
// header rule), and the header rule reaches only the engine endpoint of the run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FIRST_RULE_ID, apiKeyRule, engineEndpointRegex, installApiKeyRule, removeApiKeyRule, removeLeftoverApiKeyRules } from '../../../../lib/extension/connection/api-key-rule';
import { connectToTab } from '../../../../lib/extension/connection/connect';
import { DEFAULT_SETTINGS, type Settings } from '../../../../lib/protocol/settings';
import { connectionFor } from '../../../../lib/extension/settings/host-connection';
import { QlikProblemError } from '../../../../lib/qlik/errors';
import { engineUrl, parseQlikAppUrl } from '../../../../lib/qlik/url';

const APP_ID = '9c1f3a52-6d2e-4b8f-a7c4-2e5d8b1f0a63';
const KEY = 'acme-only-secret';
const TENANT = 'acme.eu.qlikcloud.com';
const settings: Settings = {
  ...DEFAULT_SETTINGS,
  tenants: { [TENANT]: { mode: 'api-key', webIntegrationId: '', oauthClientId: '', apiKey: KEY } },
};

interface Rule {
  id: number;
  condition: { regexFilter: string; requestDomains: string[] };
  action: { requestHeaders: { header: string; value?: string }[] };
}

/** An in-memory declarativeNetRequest session-rule store in place of the fake browser's stub. */
function fakeSessionRules() {
  const rules = new Map<number, Rule>();
  const api = fakeBrowser.declarativeNetRequest as unknown as Record<string, unknown>;
  api.updateSessionRules = async ({ removeRuleIds = [], addRules = [] }: { removeRuleIds?: number[]; addRules?: Rule[] }) => {
    for (const id of removeRuleIds) rules.delete(id);
    for (const rule of addRules) rules.set(rule.id, rule);
  };
  api.getSessionRules = async () => [...rules.values()];
  return rules;
}

async function tabOn(host: string): Promise<number> {
  const tab = await fakeBrowser.tabs.create({ url: `https://${host}/sense/app/${APP_ID}/sheet/s1/state/analysis` });
  return tab.id as number;
}

const fetchSpy = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response('{}', { status: 200 }));

beforeEach(() => {
  fakeBrowser.reset();
  fetchSpy.mockClear();
  vi.stubGlobal('fetch', fetchSpy);
});
afterEach(() => vi.unstubAllGlobals());

const sentKey = () => fetchSpy.mock.calls.some(([, init]) => new Headers(init?.headers).get('authorization')?.includes(KEY));

describe('API-key mode: the key goes to its own tenant only', () => {
  it('sends the key to exactly its tenant, on REST and in a header rule for that app\'s engine endpoint', async () => {
    const rules = fakeSessionRules();
    const connection = await connectToTab(await tabOn(TENANT), (host) => connectionFor(settings, host));
    expect(connection.engineAvailable).toBe(true);
    await connection.fetch('/api/v1/users/me');
    const [input, init] = fetchSpy.mock.calls[0] ?? [];
    expect(String(input)).toBe(`https://${TENANT}/api/v1/users/me`);
    expect(new Headers(init?.headers).get('authorization')).toBe(`Bearer ${KEY}`);
    // the key never goes elsewhere through this connection, even when asked to
    await expect(connection.fetch('https://evil.example/api/v1/users/me')).rejects.toThrow('only calls');
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [rule] = [...rules.values()];
    expect(rule?.condition.requestDomains).toEqual([TENANT]);
    expect(new RegExp(rule?.condition.regexFilter ?? '^$').test(engineUrl({ origin: `https://${TENANT}`, prefix: '', appId: APP_ID }, { identity: 'qlarity-x' }))).toBe(true);
    connection.close();
    await vi.waitFor(() => expect(rules.size).toBe(0));
  });

  it.each(['x.acme.eu.qlikcloud.com', 'acme-eu.qlikcloud.com', 'acme.us.qlikcloud.com', 'acmeeu.qlikcloud.com', 'eu.qlikcloud.com.acme.qlikcloud.com'])(
    'on the look-alike host %s: no key leaves, no rule is installed, API-key mode is not used',
    async (host) => {
      const rules = fakeSessionRules();
      const injected = vi.fn(async () => {
        throw new Error('no Qlik tab relay in this test');
      });
      (fakeBrowser.scripting as unknown as Record<string, unknown>).executeScript = injected;
      const outcome = await connectToTab(await tabOn(host), (h) => connectionFor(settings, h)).catch((error: unknown) => error);
      // the host has no entry: the default connection ("My Qlik session") tries the in-tab relay
      // (absent here); the key is never used
      expect(String(outcome)).toContain('no Qlik tab relay in this test');
      expect(injected).toHaveBeenCalled();
      expect(sentKey()).toBe(false);
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(rules.size).toBe(0);
    },
  );

  it('refuses API-key mode with a message when the lookup hands over the key of another host', async () => {
    const rules = fakeSessionRules();
    const tabId = await tabOn(`x.${TENANT}`);
    const wrongLookup = () => connectionFor(settings, TENANT); // a bug in the caller: the lookup ignores the tab's host
    const error = await connectToTab(tabId, wrongLookup).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QlikProblemError);
    expect((error as QlikProblemError).problem.message).toContain(`x.${TENANT} has no connection of its own`);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(rules.size).toBe(0);
  });

  it('refuses API-key mode on a host whose own entry has no key', async () => {
    const noKey: Settings = { ...DEFAULT_SETTINGS, tenants: { [TENANT]: { mode: 'api-key', webIntegrationId: '', oauthClientId: '', apiKey: '' } } };
    const error = await connectToTab(await tabOn(TENANT), (h) => connectionFor(noKey, h)).catch((e: unknown) => e);
    expect((error as QlikProblemError).problem.message).toContain(`No API key is entered for ${TENANT}`);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('the engine header rule', () => {
  const app = parseQlikAppUrl(`https://${TENANT}/sense/app/${APP_ID}`);
  if (!app) throw new Error('test app URL');
  const matches = (url: string) => new RegExp(engineEndpointRegex(app)).test(url);

  it('matches the engine endpoint of this app on this host, in either scheme browsers report', () => {
    expect(matches(engineUrl(app, { identity: 'qlarity-1' }))).toBe(true);
    expect(matches(`https://${TENANT}/app/${APP_ID}/identity/q?reloadUri=x`)).toBe(true);
    expect(matches(`wss://${TENANT}:443/app/${APP_ID}`)).toBe(true);
  });

  it.each([
    `wss://x.${TENANT}/app/${APP_ID}`,
    `wss://${TENANT}.evil.example/app/${APP_ID}`,
    `wss://evil.example/${TENANT}/app/${APP_ID}`,
    `wss://${TENANT}:8443/app/${APP_ID}`,
    `wss://${TENANT}/app/another-app`,
    `wss://${TENANT}/app/${APP_ID}x`,
    `wss://${TENANT}/api/v1/users/me`,
    `ws://${TENANT}/app/${APP_ID}`,
    `wss://acmeXeu.qlikcloud.com/app/${APP_ID}`, // dots are literal
  ])('does not match %s', (url) => expect(matches(url)).toBe(false));

  it('sets the key and drops cookies only on the extension\'s own WebSocket requests', () => {
    const rule = apiKeyRule(FIRST_RULE_ID, app, KEY);
    expect(rule.condition).toMatchObject({ requestDomains: [TENANT], resourceTypes: ['websocket'], tabIds: [-1] });
    expect(rule.action.requestHeaders).toEqual([
      { header: 'Authorization', operation: 'set', value: `Bearer ${KEY}` },
      { header: 'Cookie', operation: 'remove' },
    ]);
  });

  it('gives each run its own rule, so one run\'s end does not remove another run\'s rule', async () => {
    const rules = fakeSessionRules();
    const first = await installApiKeyRule(app, KEY);
    const second = await installApiKeyRule(app, KEY);
    expect(first).not.toBe(second);
    await removeApiKeyRule(first as number);
    expect([...rules.keys()]).toEqual([second]);
  });

  it('removes every leftover API-key rule at start-up and leaves other rules alone', async () => {
    const rules = fakeSessionRules();
    await installApiKeyRule(app, KEY);
    await installApiKeyRule(app, KEY);
    rules.set(42, { id: 42 } as Rule);
    expect(await removeLeftoverApiKeyRules()).toBe(2);
    expect([...rules.keys()]).toEqual([42]);
  });

  it('reports no rule (engine not tried) when the browser refuses or lacks the API', async () => {
    (fakeBrowser.declarativeNetRequest as unknown as Record<string, unknown>).updateSessionRules = async () => {
      throw new Error('not allowed');
    };
    expect(await installApiKeyRule(app, KEY)).toBeUndefined();
    expect(await removeLeftoverApiKeyRules()).toBe(0);
  });
});
