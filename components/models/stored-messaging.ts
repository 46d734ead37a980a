// The messages about stored analyses and settings with their schemas: what browser-client.ts
// loads when the options page first asks.
import { senderFor } from '../../lib/extension/page-messaging';
import { storedRequests } from '../../lib/protocol/stored-messages';

export const send = senderFor(storedRequests);
