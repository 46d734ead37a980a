// API-key mode and the engine: a browser cannot set headers on a WebSocket handshake, so we try a
// session-scoped declarativeNetRequest rule that sets `Authorization: Bearer <key>` on the
// extension's own (tabId -1) WebSocket requests to the tenant. MDN
// declarativeNetRequest.ModifyHeaderInfo: `set` is allowed on request headers, resourceTypes
// include "websocket"; `tabIds` conditions work for session rules. Needs the
// "declarativeNetRequestWithHostAccess" permission (no install warning: Chrome's
// declarativeNetRequest reference, "Permissions"; Chromium commit 2bfaa6f0 "will not lead to any
// permission messages on its own"); without it the API is absent and the engine is not tried.
//
// What browsers do with it (seen 2026-11-27):
// - Chromium 156: the rule sets the header on the service worker's fetch() but NOT on any
//   WebSocket handshake (nor do block/redirect rules match it), from the service worker, an
//   extension page or a web page, headless or headed: the engine refuses the handshake (401) and
//   the analysis says engine analysis needs another mode (test/e2e/connection-api-key.spec.ts).
// - Firefox ESR 153 (MV3): the background event page's handshake carries the header and the whole
//   analysis runs (test/e2e/firefox.spec.ts, "API-key mode").
// The rule cannot linger or reach further than the run that needs it:
// - it matches only the engine endpoint of the analysed app on exactly the tenant host of the run
//   (`regexFilter`; `requestDomains` alone would also match every subdomain),
// - each run has its own rule id, removed when its connection closes (connect.ts release),
// - the background removes every rule of this range at start-up (a run that died with the
//   service worker leaves nothing behind: session rules outlive a worker restart).
import { browser } from 'wxt/browser';
import type { QlikAppLocation } from '../../qlik/url';

/** Session rule ids of API-key runs: FIRST_RULE_ID … FIRST_RULE_ID + RULE_ID_SPAN - 1. */
export const FIRST_RULE_ID = 7001;
const RULE_ID_SPAN = 1000;
const TAB_ID_NONE = -1;

interface SessionRule {
  id: number;
}
interface SessionRulesApi {
  updateSessionRules(options: { removeRuleIds?: number[]; addRules?: unknown[] }): Promise<void>;
  getSessionRules(): Promise<SessionRule[]>;
}

function dnr(): SessionRulesApi | undefined {
  return (browser as unknown as { declarativeNetRequest?: SessionRulesApi }).declarativeNetRequest;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `^(wss|https)://<host>[:default port]<prefix>/app/<appId>/…`: the engine endpoint of this app on
 * exactly this host. Both schemes: browsers differ in how a WebSocket handshake's URL is matched.
 */
export function engineEndpointRegex(app: Pick<QlikAppLocation, 'origin' | 'prefix' | 'appId'>): string {
  const origin = new URL(app.origin);
  const defaultPort = origin.protocol === 'https:' ? '443' : '80';
  const host = escapeRegex(origin.hostname) + (origin.port ? `:${origin.port}` : `(?::${defaultPort})?`);
  const schemes = origin.protocol === 'https:' ? '(?:wss|https)' : '(?:ws|http)';
  return `^${schemes}://${host}${escapeRegex(app.prefix)}/app/${escapeRegex(encodeURIComponent(app.appId))}(?:[/?]|$)`;
}

export function apiKeyRule(id: number, app: Pick<QlikAppLocation, 'origin' | 'prefix' | 'appId'>, apiKey: string) {
  return {
    id,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [
        { header: 'Authorization', operation: 'set', value: `Bearer ${apiKey}` },
        // do not mix the user's cookie session into an API-key connection
        { header: 'Cookie', operation: 'remove' },
      ],
    },
    condition: {
      requestDomains: [new URL(app.origin).hostname],
      regexFilter: engineEndpointRegex(app),
      resourceTypes: ['websocket'],
      tabIds: [TAB_ID_NONE],
    },
  };
}

let nextOffset = 0;
const isApiKeyRuleId = (id: number) => id >= FIRST_RULE_ID && id < FIRST_RULE_ID + RULE_ID_SPAN;

/** Installs a rule for this run; its id (to remove it), or undefined when the browser has no declarativeNetRequest for us. */
export async function installApiKeyRule(app: Pick<QlikAppLocation, 'origin' | 'prefix' | 'appId'>, apiKey: string): Promise<number | undefined> {
  const api = dnr();
  if (!api) return undefined;
  const id = FIRST_RULE_ID + (nextOffset++ % RULE_ID_SPAN);
  try {
    await api.updateSessionRules({ removeRuleIds: [id], addRules: [apiKeyRule(id, app, apiKey)] });
    return id;
  } catch {
    return undefined;
  }
}

export async function removeApiKeyRule(id: number): Promise<void> {
  try {
    await dnr()?.updateSessionRules({ removeRuleIds: [id] });
  } catch {
    // nothing to remove
  }
}

/** At start-up: removes every API-key rule a previous run left (its worker died before release). */
export async function removeLeftoverApiKeyRules(): Promise<number> {
  const api = dnr();
  if (!api) return 0;
  try {
    const ids = (await api.getSessionRules()).map((rule) => rule.id).filter(isApiKeyRuleId);
    if (ids.length) await api.updateSessionRules({ removeRuleIds: ids });
    return ids.length;
  } catch {
    return 0;
  }
}
