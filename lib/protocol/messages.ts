// Every runtime message between the extension's own pages (popup, side panel, options) and the
// background: the tables of tab-messages.ts and stored-messages.ts, gathered for the background,
// which serves them all. Requests carry `type`; the background answers with a Reply envelope
// (envelope.ts). Events (tab-messages.ts) are one-way notices from the background to whichever pages
// are open.
// (Messages between the Qlik page and the content relay live in lib/protocol/bridge.ts.)
import { z } from '../schema/zod';
import { storedRequests } from './stored-messages';
import { tabRequests } from './tab-messages';

/** Request schema and response schema per message type. */
export const requests = { ...tabRequests, ...storedRequests } as const;

export type RequestType = keyof typeof requests;
export type RequestOf<K extends RequestType> = z.infer<(typeof requests)[K]['request']>;
export type ResponseOf<K extends RequestType> = z.infer<(typeof requests)[K]['response']>;

const requestSchemas = Object.values(requests).map((entry) => entry.request);
export const AnyRequest = z.discriminatedUnion('type', [requestSchemas[0], ...requestSchemas.slice(1)]);
export type AnyRequest = z.infer<typeof AnyRequest>;

export const REQUEST_TYPES = Object.keys(requests) as RequestType[];
