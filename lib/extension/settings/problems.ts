// What keeps settings from being used: a connection mode without what it needs.
import type { ConnectionSettings, Settings } from '../../protocol/settings';

/** The field a connection mode cannot do without, and what to say when it is empty. */
const REQUIRED: Partial<Record<ConnectionSettings['mode'], { field: keyof ConnectionSettings; problem: string }>> = {
  'web-integration': { field: 'webIntegrationId', problem: 'Web integration mode needs the web integration ID from your tenant admin.' },
  oauth: { field: 'oauthClientId', problem: 'OAuth mode needs the client ID of an OAuth SPA client.' },
  'api-key': { field: 'apiKey', problem: 'API key mode needs an API key.' },
};

/** The empty field one connection needs before it can be used, with the problem; undefined when nothing is missing. */
export function missingConnectionField(connection: ConnectionSettings): { field: keyof ConnectionSettings; problem: string } | undefined {
  const required = REQUIRED[connection.mode];
  return required && !connection[required.field] ? required : undefined;
}

const connectionProblems = (connection: ConnectionSettings): string[] => {
  const missing = missingConnectionField(connection);
  return missing ? [missing.problem] : [];
};

/** Why settings cannot be used as they are (empty when they can). */
export function settingsProblems(settings: Settings): string[] {
  return [
    ...connectionProblems(settings.connection),
    ...Object.entries(settings.tenants ?? {}).flatMap(([host, connection]) => connectionProblems(connection).map((p) => `${host}: ${p}`)),
  ];
}
