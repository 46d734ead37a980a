// Validation of `/login?returnto=` the way Qlik Cloud answers it.
// LOGIN-10 / LOGIN-8 bodies verbatim from Motio QSDA's "QCS - Qlik Cloud Connection" docs
// [V: ../shared/README.md, connectivity.md 1.3]. Which case gives which code is inferred there [I]:
// LOGIN-10 = a valid cross-origin http(s) URL whose origin the named web integration does not allow;
// LOGIN-8 = not an http(s) URL / not parseable, or cross-origin without any web integration.
import type { WebIntegration } from './tenant';

export type ReturnToDecision = { ok: true; location: string } | { ok: false; body: { errors: { title: string; code: string; status: string }[] } };

export const LOGIN_10 = { errors: [{ title: 'returnto not included in web integration whitelist', code: 'LOGIN-10', status: '401' }] };
export const LOGIN_8 = { errors: [{ title: 'Illegal returnto value', code: 'LOGIN-8', status: '401' }] };

/**
 * @param returnTo the raw `returnto` value (absent → the hub)
 * @param selfOrigin the tenant origin the login page is served on
 * @param integration the web integration named by `qlik-web-integration-id`, if any
 * @param integrationNamed whether the caller named one (an unknown id is treated like a non-matching one)
 */
export function decideReturnTo(returnTo: string | null, selfOrigin: string, integration: WebIntegration | undefined, integrationNamed: boolean): ReturnToDecision {
  if (returnTo === null || returnTo === '') return { ok: true, location: '/hub' };
  // A relative path on the tenant ("Relative or full URL on the tenant", openapi login.json) [V];
  // `//host` is protocol-relative, so it is a foreign URL, not a path.
  if (returnTo.startsWith('/') && !returnTo.startsWith('//')) return { ok: true, location: returnTo };
  let target: URL;
  try {
    target = new URL(returnTo);
  } catch {
    return { ok: false, body: LOGIN_8 };
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return { ok: false, body: LOGIN_8 };
  if (target.origin === selfOrigin) return { ok: true, location: target.href };
  if (!integrationNamed) return { ok: false, body: LOGIN_8 };
  if (integration?.validOrigins.includes(target.origin)) return { ok: true, location: target.href };
  return { ok: false, body: LOGIN_10 };
}
