// User settings, edited on the options page and read by the background. Stored by
// lib/extension/storage.ts; every read is validated, so a damaged value falls back to defaults.
import { z } from 'zod';

/**
 * How Qlarity reaches the app (see README "Connection modes"):
 * - session: the user's own Qlik login, through the Qlik tab (default, no admin set-up)
 * - web-integration: the extension's own requests, allowed by a tenant web integration
 * - oauth: an OAuth2 SPA client (PKCE) created by a tenant admin
 * - api-key: a developer API key (Qlik Cloud only)
 */
export const ConnectionMode = z.enum(['session', 'web-integration', 'oauth', 'api-key']);
export type ConnectionMode = z.infer<typeof ConnectionMode>;

export const Settings = z.object({
  connection: z.object({
    mode: ConnectionMode,
    webIntegrationId: z.string().trim().max(200),
    oauthClientId: z.string().trim().max(200),
    /** kept in this browser profile only (storage.local), never synced, never sent to the page */
    apiKey: z.string().trim().max(4000),
  }),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  connection: { mode: 'session', webIntegrationId: '', oauthClientId: '', apiKey: '' },
};

/** Why settings cannot be used as they are (empty when they can). */
export function settingsProblems(settings: Settings): string[] {
  const { connection } = settings;
  const problems: string[] = [];
  if (connection.mode === 'web-integration' && !connection.webIntegrationId)
    problems.push('Web integration mode needs the web integration ID from your tenant admin.');
  if (connection.mode === 'oauth' && !connection.oauthClientId)
    problems.push('OAuth mode needs the client ID of an OAuth SPA client.');
  if (connection.mode === 'api-key' && !connection.apiKey) problems.push('API key mode needs an API key.');
  return problems;
}
