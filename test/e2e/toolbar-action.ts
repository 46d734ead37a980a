// Clicking the extension's toolbar button, which headless Chromium has no UI for: DevTools'
// Extensions.triggerAction (Chrome 133+) on the tab, through a browser-level DevTools connection
// (Playwright's persistent context offers only page sessions, where the method is not allowed).
// Like a real click it opens the popup and grants activeTab: the extension may then read the tab's
// address, even on a host it has no permission for.
// https://chromedevtools.github.io/devtools-protocol/tot/Extensions/#method-triggerAction
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';

/** Chromium flags that let a test reach the browser's DevTools and trigger extension actions. */
export const TOOLBAR_ACTION_ARGS = ['--remote-debugging-port=0', '--enable-unsafe-extension-debugging'];

/** A fresh profile folder: Chromium writes its DevTools port there (DevToolsActivePort). */
export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'qlarity-e2e-profile-'));
}

/** Clicks the toolbar button of extension `extensionId` for the tab showing `pageUrl`. */
export async function clickToolbarAction(userDataDir: string, extensionId: string, pageUrl: string): Promise<void> {
  const [port, path] = readFileSync(join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n');
  const socket = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let lastId = 0;
  const send = (method: string, params: object) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = ++lastId;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
        if (message.id !== id) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result ?? {});
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id, method, params }));
    });
  try {
    const { targetInfos } = (await send('Target.getTargets', { filter: [{ type: 'tab' }] })) as { targetInfos: { targetId: string; url: string }[] };
    const tab = targetInfos.find((t) => t.url === pageUrl);
    if (!tab) throw new Error(`no tab at ${pageUrl}`);
    await send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  } finally {
    socket.close();
  }
}
