// Settings as they leave this browser profile in an export file.
import type { ConnectionSettings, Settings } from '../../protocol/settings';

/** Settings as written to an export file: secrets stay in this browser profile. */
export function exportableSettings(settings: Settings): Settings {
  const strip = (c: ConnectionSettings): ConnectionSettings => ({ ...c, apiKey: '' });
  return {
    ...settings,
    connection: strip(settings.connection),
    ...(settings.tenants ? { tenants: Object.fromEntries(Object.entries(settings.tenants).map(([h, c]) => [h, strip(c)])) } : {}),
  };
}
