// The messages about the tab's app with their schemas (and zod): what browser-client.ts loads
// after the page's first render.
import { senderFor } from '../../lib/extension/page-messaging';
import { tabRequests } from '../../lib/protocol/tab-messages';

export { onEvent } from '../../lib/extension/page-messaging';

export const send = senderFor(tabRequests);
