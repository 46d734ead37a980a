// Which connection a tenant host gets, and the API key that may be sent there (ARCHITECTURE.md,
// "Secrets stay with their tenant").
import { API_KEY_PER_TENANT_MESSAGE, type ConnectionSettings, type Settings } from '../../protocol/settings';

/** The connection for one host, and whether it is that host's own entry. */
export interface HostConnection {
  /** the host the lookup was for, lower case (with its port when it has one) */
  host: string;
  connection: ConnectionSettings;
  /** true when `tenants` has an entry for exactly this host; only then may an API key be used */
  ownEntry: boolean;
}

/**
 * The connection settings for one tenant host: its own entry, else the default one. Exact host
 * match only: `acme.eu.qlikcloud.com` does not cover `x.acme.eu.qlikcloud.com` nor a look-alike.
 */
export function connectionFor(settings: Settings, host: string): HostConnection {
  const key = host.toLowerCase();
  const own = settings.tenants && Object.hasOwn(settings.tenants, key) ? settings.tenants[key] : undefined;
  if (own) return { host: key, connection: own, ownEntry: true };
  // never a key outside a tenant entry, whatever was stored
  return { host: key, connection: { ...settings.connection, apiKey: '' }, ownEntry: false };
}

/**
 * The API key to send to `host`, or why there is none. Only a tenant entry for exactly this host
 * in API-key mode yields a key.
 */
export function apiKeyFor(resolved: HostConnection, host: string): { ok: true; apiKey: string } | { ok: false; message: string } {
  const { connection, ownEntry } = resolved;
  if (!ownEntry || resolved.host !== host.toLowerCase()) {
    return { ok: false, message: `${host} has no connection of its own in Qlarity's options, so no API key is sent there. ${API_KEY_PER_TENANT_MESSAGE}` };
  }
  if (connection.mode !== 'api-key' || !connection.apiKey) return { ok: false, message: `No API key is entered for ${host} in Qlarity's options.` };
  return { ok: true, apiKey: connection.apiKey };
}
