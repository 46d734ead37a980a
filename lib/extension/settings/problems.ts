// What keeps settings from being used: a connection mode without what it needs.
import type { ConnectionSettings, Settings } from '../../protocol/settings';

/** What one connection needs before it can be used (empty when nothing is missing). */
export function connectionProblems(connection: ConnectionSettings): string[] {
  if (connection.mode === 'web-integration' && !connection.webIntegrationId)
    return ['Web integration mode needs the web integration ID from your tenant admin.'];
  if (connection.mode === 'oauth' && !connection.oauthClientId) return ['OAuth mode needs the client ID of an OAuth SPA client.'];
  if (connection.mode === 'api-key' && !connection.apiKey) return ['API key mode needs an API key.'];
  return [];
}

/** Why settings cannot be used as they are (empty when they can). */
export function settingsProblems(settings: Settings): string[] {
  return [
    ...connectionProblems(settings.connection),
    ...Object.entries(settings.tenants ?? {}).flatMap(([host, connection]) => connectionProblems(connection).map((p) => `${host}: ${p}`)),
  ];
}
