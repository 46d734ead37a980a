// ISOLATED-world content script on Qlik pages: the relay of the in-tab bridge, and the tab's
// answer to "what app is open here, on which Qlik product?". It holds no secrets and cannot read
// the extension's storage; it talks to the page bridge only over the private port the bridge hands
// over at injection, and everything from the page is validated (lib/extension/bridge/relay.ts). Also injected on demand on hosts the user
// grants (Qlik Sense Enterprise on Windows) by lib/extension/bridge/connect-tab.ts.
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { serveRelay } from '../lib/extension/bridge/relay';
import { answerProbe } from '../lib/extension/bridge/probe';
import { BRIDGE_PORT_NAME, RelayProbe } from '../lib/protocol/bridge';

// Content scripts of one extension share a global per frame: a second injection must not add a
// second relay (both would answer the same Port).
const installed = '__qlarityRelayInstalled';

export default defineContentScript({
  matches: ['https://*.qlikcloud.com/*', 'https://*.qlikcloudgov.com/*'],
  runAt: 'document_idle',
  main() {
    const scope = globalThis as typeof globalThis & { [installed]?: boolean };
    if (scope[installed]) return;
    scope[installed] = true;

    browser.runtime.onConnect.addListener((port) => {
      if (port.name === BRIDGE_PORT_NAME) serveRelay(port, window);
    });
    browser.runtime.onMessage.addListener((raw: unknown, _sender, sendResponse: (reply: unknown) => void) => {
      if (!RelayProbe.safeParse(raw).success) return false;
      void answerProbe(location.href, fetch.bind(globalThis)).then(sendResponse);
      return true; // answered asynchronously
    });
  },
});
