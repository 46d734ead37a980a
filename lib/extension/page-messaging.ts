// The pages' side of runtime messaging: send a request of a message table and parse the answer,
// listen to the background's events. A page sends with the table it needs (the popup: the tab
// messages only), so it loads only the schemas of the answers it parses. The background's side is
// lib/extension/messaging.ts.
import { browser } from 'wxt/browser';
import type { z } from '../schema/zod';
import { replySchema, type RequestTable } from '../protocol/envelope';
import { AnyEvent } from '../protocol/tab-messages';
import { QlarityError } from './errors';

/** A request's fields without `type`. */
type Payload<T extends RequestTable, K extends keyof T> = Omit<z.infer<T[K]['request']>, 'type'>;

export type Send<T extends RequestTable> = <K extends keyof T & string>(type: K, payload: Payload<T, K>) => Promise<z.infer<T[K]['response']>>;

/**
 * Sends requests of `table` to the background; each returns the validated response (or throws
 * QlarityError). A malformed request is refused before it is sent.
 */
export function senderFor<T extends RequestTable>(table: T): Send<T> {
  return async (type, payload) => {
    const message = table[type].request.parse({ ...payload, type });
    const raw: unknown = await browser.runtime.sendMessage(message);
    const reply = replySchema(table[type].response).safeParse(raw);
    if (!reply.success) throw new QlarityError('bad-reply', `The background sent an unexpected answer to ${type}.`);
    if (!reply.data.ok) throw new QlarityError(reply.data.error.code, reply.data.error.message);
    return reply.data.value as z.infer<T[typeof type]['response']>;
  };
}

/** Calls `listener` for each valid event; returns the function that stops listening. */
export function onEvent(listener: (event: AnyEvent) => void): () => void {
  const wrapped = (raw: unknown) => {
    const parsed = AnyEvent.safeParse(raw);
    if (parsed.success) listener(parsed.data);
    return false; // events have no answer
  };
  browser.runtime.onMessage.addListener(wrapped);
  return () => browser.runtime.onMessage.removeListener(wrapped);
}
