// The shapes every runtime message between the extension's pages and the background shares: a
// request is an object with its `type`; the background answers with a Reply envelope. The message
// tables (tab-messages.ts, stored-messages.ts, gathered in messages.ts) are made of these.
import { z } from '../schema/zod';
import { ErrorInfo } from './run';

export const request = <T extends string, S extends z.core.$ZodShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

/** A table of messages: the request schema and the response schema per message type. */
export type RequestTable = Record<string, { request: z.ZodMiniType; response: z.ZodMiniType }>;

/** The background's answer: the response, or an error that survives structured cloning. */
export function replySchema<T extends z.core.$ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorInfo }),
  ]);
}
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
