// Stored settings of older versions, read into the current shape.
import { z } from '../../schema/zod';
import { ConnectionSettings, Settings } from '../../protocol/settings';

/**
 * Reads stored settings of any version into the current shape. An older version could keep an API
 * key in the default connection, which was sent to every host without an entry of its own. It is
 * not recorded which tenant it was entered for, so it is dropped (the default falls back to "My
 * Qlik session") and `defaultApiKeyRemoved` tells the options page to ask for it per tenant.
 * Returns null when the value is not settings at all.
 */
export function migrateStoredSettings(raw: unknown): { settings: Settings; changed: boolean } | null {
  const legacy = z.looseObject({ connection: ConnectionSettings }).safeParse(raw);
  if (!legacy.success) return null;
  const old = legacy.data.connection;
  const hadDefaultKey = old.mode === 'api-key' || old.apiKey !== '';
  const candidate = hadDefaultKey
    ? { ...legacy.data, connection: { ...old, mode: old.mode === 'api-key' ? 'session' : old.mode, apiKey: '' }, defaultApiKeyRemoved: true }
    : raw;
  const parsed = Settings.safeParse(candidate);
  return parsed.success ? { settings: parsed.data, changed: hadDefaultKey } : null;
}
