// Typed runtime messaging over the schemas of lib/protocol/messages.ts, the background's side: it
// registers one handler per type with `listenForRequests(handlers)` and broadcasts events. Pages
// send with lib/extension/page-messaging.ts. Both sides parse with zod: a malformed message is
// rejected with a clear error, never half-used.
import { browser, type Browser } from 'wxt/browser';
import { AnyRequest, requests, type RequestOf, type RequestType, type ResponseOf } from '../protocol/messages';
import { events, type EventOf, type EventType } from '../protocol/tab-messages';
import type { Reply } from '../protocol/envelope';
import { toErrorInfo } from './errors';

export type Sender = Browser.runtime.MessageSender;

export type Handlers = {
  [K in RequestType]: (request: RequestOf<K>, sender: Sender) => Promise<ResponseOf<K>> | ResponseOf<K>;
};

/**
 * Only the extension's own pages may send requests. Content scripts run inside web pages, which
 * can be hostile, so a message whose sender URL is a web page, or from another extension, is
 * refused. (An extension page opened as a tab has `sender.tab` too: the URL is what tells.)
 */
export function isFromExtensionPage(sender: Sender, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && !!sender.url && sender.url.startsWith(extensionOrigin);
}

/** Validates and dispatches one request; never throws (errors become `{ ok: false }`). */
export async function handleRequest(
  handlers: Handlers,
  raw: unknown,
  sender: Sender,
  isTrusted: (sender: Sender) => boolean,
): Promise<Reply<unknown>> {
  if (!isTrusted(sender)) return { ok: false, error: { code: 'forbidden', message: 'Message from an untrusted sender.' } };
  const parsed = AnyRequest.safeParse(raw);
  if (!parsed.success) return { ok: false, error: { code: 'bad-request', message: describeBadRequest(raw) } };
  const request = parsed.data;
  try {
    const handler = handlers[request.type] as (req: typeof request, sender: Sender) => Promise<unknown> | unknown;
    const value = await handler(request, sender);
    return { ok: true, value: requests[request.type].response.parse(value) };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}

/** The `type` a raw message claims, when it has one. */
function claimedType(raw: unknown): string | undefined {
  return raw && typeof raw === 'object' && 'type' in raw ? String((raw as { type: unknown }).type) : undefined;
}

const isRequestType = (type: string | undefined): boolean => type !== undefined && Object.hasOwn(requests, type);

function describeBadRequest(raw: unknown): string {
  const type = claimedType(raw);
  return isRequestType(type) ? `Malformed ${type} request.` : `Unknown request type ${JSON.stringify(type ?? null)}.`;
}

/** Registers the background's request handlers; returns the function that removes them. */
export function listenForRequests(handlers: Handlers): () => void {
  const extensionOrigin = browser.runtime.getURL('/');
  const isTrusted = (sender: Sender) => isFromExtensionPage(sender, browser.runtime.id, extensionOrigin);
  const listener = (raw: unknown, sender: Sender, sendResponse: (reply: unknown) => void) => {
    // Events and the content relay's messages are not ours: leave them to their own listeners.
    if (!isRequestType(claimedType(raw))) return false;
    void handleRequest(handlers, raw, sender, isTrusted).then(sendResponse);
    return true; // the answer comes asynchronously (works the same in Chrome and Firefox)
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Tells every open extension page; fine when none is open. */
export async function broadcastEvent<K extends EventType>(event: EventOf<K>): Promise<void> {
  const message = events[event.type as K].parse(event);
  try {
    await browser.runtime.sendMessage(message);
  } catch {
    // "Receiving end does not exist": no popup or side panel is open. Nothing to tell.
  }
}
