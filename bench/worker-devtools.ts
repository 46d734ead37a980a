// A DevTools session on the extension's service worker, for the browser benches
// (bench/browser.bench.ts, bench/profile-browser.ts): the browser's CDP session attaches to the
// worker's target, not flattened, so the messages go through Target.sendMessageToTarget.
import type { BrowserContext } from '@playwright/test';

/** A DevTools session on the extension's service worker (not flattened, so the messages go through Target.sendMessageToTarget). */
export interface WorkerDevTools {
  send(method: string, params?: object): Promise<unknown>;
  close(): Promise<void>;
}

export async function attachToWorker(context: BrowserContext, extensionId: string): Promise<WorkerDevTools> {
  const browser = context.browser();
  if (!browser) throw new Error('No browser behind this context.');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) {
    await cdp.detach();
    throw new Error('The extension has no running service worker.');
  }
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
    if (message.id !== undefined) pending.get(message.id)?.(message.error ? new Error(message.error.message) : message.result);
  });
  return {
    async send(method, params = {}) {
      const messageId = ++id;
      const answer = new Promise<unknown>((resolve) => pending.set(messageId, resolve));
      await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: messageId, method, params }) });
      const result = await answer;
      pending.delete(messageId);
      if (result instanceof Error) throw result;
      return result;
    },
    async close() {
      await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
      await cdp.detach();
    },
  };
}
