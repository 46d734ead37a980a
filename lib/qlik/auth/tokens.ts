// OAuth tokens as Qlarity stores them: in the extension's own storage (storage.local, never
// storage.sync, never in the Qlik page), one entry per tenant origin and client.
import { z } from '../../schema/zod';
import type { TokenResponse } from './pkce';

export const StoredOAuthTokens = z.object({
  version: z.literal(1),
  origin: z.url({ protocol: /^https$/ }),
  clientId: z.string().check(z.minLength(1)),
  accessToken: z.string().check(z.minLength(1)),
  refreshToken: z.optional(z.string().check(z.minLength(1))),
  /** ms since epoch */
  expiresAt: z.number(),
  scope: z.optional(z.string()),
});
export type StoredOAuthTokens = z.infer<typeof StoredOAuthTokens>;

/** Qlik Cloud access tokens last 6 hours (@qlik/api docs/authentication.md) when expires_in is absent. */
const DEFAULT_LIFETIME_S = 6 * 3600;
/** Refresh a minute early so a token does not expire mid-analysis. */
export const EXPIRY_MARGIN_MS = 60_000;

export function toStoredTokens(
  response: TokenResponse,
  meta: { origin: string; clientId: string; now: number; previousRefreshToken?: string },
): StoredOAuthTokens {
  const refreshToken = response.refresh_token ?? meta.previousRefreshToken;
  return {
    version: 1,
    origin: meta.origin,
    clientId: meta.clientId,
    accessToken: response.access_token,
    ...(refreshToken ? { refreshToken } : {}),
    expiresAt: meta.now + (response.expires_in ?? DEFAULT_LIFETIME_S) * 1000,
    ...(response.scope ? { scope: response.scope } : {}),
  };
}

export function isUsable(tokens: StoredOAuthTokens, now: number): boolean {
  return tokens.expiresAt - EXPIRY_MARGIN_MS > now;
}

/** storage key for one tenant + client */
export function tokenStorageKey(origin: string, clientId: string): string {
  return `qlarity:oauth:${origin}|${clientId}`;
}
