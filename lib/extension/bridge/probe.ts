// The content script's answer to the background's probe: the tab address and what
// product-info.json says about the Qlik product serving it (cached per base URL).
import { productInfoUrl } from '../../qlik/platform';
import { parseQlikAppUrl } from '../../qlik/url';
import type { RelayProbeReply } from '../../protocol/bridge';

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;
const cache = new Map<string, Promise<RelayProbeReply['productInfo']>>();

export async function answerProbe(href: string, fetchImpl: Fetch): Promise<RelayProbeReply> {
  const app = parseQlikAppUrl(href);
  if (!app) return { type: 'qlarity-relay-here', href, productInfo: null };
  const url = productInfoUrl(app);
  let pending = cache.get(url);
  if (!pending) {
    pending = readProductInfo(url, fetchImpl);
    cache.set(url, pending);
  }
  const productInfo = await pending;
  if (!productInfo || productInfo.status >= 400) cache.delete(url); // try again next time
  return { type: 'qlarity-relay-here', href, productInfo };
}

/** GETs product-info.json with the user's cookies; a redirect counts as 302; null when unreachable. */
export async function readProductInfo(url: string, fetchImpl: Fetch): Promise<RelayProbeReply['productInfo']> {
  try {
    // manual redirects: a QSEoW proxy answers an unauthenticated request with a login redirect,
    // which product-info classification treats as "QSEoW" (as @qlik/api getPlatform does).
    const response = await fetchImpl(url, { credentials: 'include', redirect: 'manual', cache: 'no-store' });
    const status = response.type === 'opaqueredirect' ? 302 : response.status;
    // null, not undefined, when there is no JSON body: the reply crosses runtime messaging as JSON,
    // where an undefined field disappears and RelayProbeReply would then refuse it.
    let body: unknown = null;
    try {
      body = status < 300 ? await response.json() : null;
    } catch {
      body = null;
    }
    return { status, body };
  } catch {
    return null;
  }
}
