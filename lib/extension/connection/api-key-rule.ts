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
// The rule is removed when the connection closes (connect.ts release), whatever the outcome.
import { browser } from 'wxt/browser';

/** Fixed id: one API-key rule at a time (the extension connects to one tenant per analysis). */
export const API_KEY_RULE_ID = 7001;
const TAB_ID_NONE = -1;

interface SessionRulesApi {
  updateSessionRules(options: { removeRuleIds?: number[]; addRules?: unknown[] }): Promise<void>;
}

function dnr(): SessionRulesApi | undefined {
  return (browser as unknown as { declarativeNetRequest?: SessionRulesApi }).declarativeNetRequest;
}

export function apiKeyRule(hostname: string, apiKey: string) {
  return {
    id: API_KEY_RULE_ID,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [
        { header: 'Authorization', operation: 'set', value: `Bearer ${apiKey}` },
        // do not mix the user's cookie session into an API-key connection
        { header: 'Cookie', operation: 'remove' },
      ],
    },
    condition: { requestDomains: [hostname], resourceTypes: ['websocket'], tabIds: [TAB_ID_NONE] },
  };
}

/** Installs the rule; false when the browser has no declarativeNetRequest for us. */
export async function installApiKeyRule(hostname: string, apiKey: string): Promise<boolean> {
  const api = dnr();
  if (!api) return false;
  try {
    await api.updateSessionRules({ removeRuleIds: [API_KEY_RULE_ID], addRules: [apiKeyRule(hostname, apiKey)] });
    return true;
  } catch {
    return false;
  }
}

export async function removeApiKeyRule(): Promise<void> {
  try {
    await dnr()?.updateSessionRules({ removeRuleIds: [API_KEY_RULE_ID] });
  } catch {
    // nothing to remove
  }
}
