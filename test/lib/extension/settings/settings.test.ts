// The settings as the extension reads them: defaults, the connection per host, older versions, problems, export.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION, DEFAULT_SETTINGS, Settings, type ConnectionSettings } from '../../../../lib/protocol/settings';
import { exportableSettings } from '../../../../lib/extension/settings/exportable';
import { apiKeyFor, connectionFor } from '../../../../lib/extension/settings/host-connection';
import { migrateStoredSettings } from '../../../../lib/extension/settings/migrate';
import { settingsProblems } from '../../../../lib/extension/settings/problems';
import { analysisConfigOf, retentionOf } from '../../../../lib/extension/settings/read';

const oauth: ConnectionSettings = { mode: 'oauth', webIntegrationId: '', oauthClientId: 'c1', apiKey: '' };

describe('reading settings', () => {
  it('gives defaults for the optional parts', () => {
    expect(retentionOf(DEFAULT_SETTINGS)).toEqual(DEFAULT_RETENTION);
    expect(analysisConfigOf(DEFAULT_SETTINGS)).toEqual({ rules: {}, categories: {}, apps: {} });
  });

  it('passes the per-app rules to the analysis, and refuses an app id that is not one', () => {
    const analysis = { rules: { R01: 'warning' as const }, categories: {}, apps: { 'app-1': { rules: { R01: 'off' as const }, categories: { design: 'info' as const } } } };
    expect(analysisConfigOf({ ...DEFAULT_SETTINGS, analysis })).toEqual(analysis);
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, analysis: { ...analysis, apps: { 'not an id': { rules: {}, categories: {} } } } }).success).toBe(false);
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, analysis: { ...analysis, apps: { 'app-1': { rules: {}, categories: {}, extra: 1 } } } }).success).toBe(false);
  });

  it('picks the tenant connection, else the default one', () => {
    const settings: Settings = { ...DEFAULT_SETTINGS, tenants: { 'acme.eu.qlikcloud.com': oauth } };
    expect(connectionFor(settings, 'ACME.eu.qlikcloud.com')).toEqual({ host: 'acme.eu.qlikcloud.com', connection: oauth, ownEntry: true });
    expect(connectionFor(settings, 'other.us.qlikcloud.com')).toEqual({ host: 'other.us.qlikcloud.com', connection: settings.connection, ownEntry: false });
  });

  describe('an API key goes only to the tenant it was entered for', () => {
    const keyed: ConnectionSettings = { ...oauth, mode: 'api-key', oauthClientId: '', apiKey: 'acme-secret' };
    const settings: Settings = { ...DEFAULT_SETTINGS, tenants: { 'acme.eu.qlikcloud.com': keyed, 'b.us.qlikcloud.com': oauth } };

    it('gives the key to exactly its host (any letter case)', () => {
      for (const host of ['acme.eu.qlikcloud.com', 'ACME.EU.QLIKCLOUD.COM']) {
        expect(apiKeyFor(connectionFor(settings, host), host)).toEqual({ ok: true, apiKey: 'acme-secret' });
      }
    });

    it.each([
      'x.acme.eu.qlikcloud.com', // a subdomain
      'acme.eu.qlikcloud.com.evil.example', // the host as a prefix
      'acme-eu.qlikcloud.com',
      'acme.eu.qlikcloud.co',
      'acme.eu.qlikcloud.com:8443', // another port is another origin
      'acme.us.qlikcloud.com',
      'b.us.qlikcloud.com', // a tenant with its own entry in another mode
      'constructor',
      '__proto__',
      'evil.example',
    ])('never gives it to %s, and says why', (host) => {
      const resolved = connectionFor(settings, host);
      expect(JSON.stringify(resolved)).not.toContain('acme-secret');
      const answer = apiKeyFor(resolved, host);
      expect(answer.ok).toBe(false);
      if (!answer.ok) expect(answer.message).toMatch(/no connection of its own|No API key is entered/);
    });

    it('refuses a lookup answer made for another host', () => {
      expect(apiKeyFor(connectionFor(settings, 'acme.eu.qlikcloud.com'), 'x.acme.eu.qlikcloud.com').ok).toBe(false);
    });

    it('never lets a default connection carry a key, even one that bypassed validation', () => {
      const tampered = { connection: { ...keyed } } as Settings;
      const resolved = connectionFor(tampered, 'anything.eu.qlikcloud.com');
      expect(resolved.connection.apiKey).toBe('');
      expect(apiKeyFor(resolved, 'anything.eu.qlikcloud.com').ok).toBe(false);
    });
  });

  describe('migrateStoredSettings (settings of older versions)', () => {
    it('removes a default API key (its tenant is not recorded), falls back to "My Qlik session" and flags it for the options page', () => {
      const old = {
        connection: { mode: 'api-key', webIntegrationId: 'wi', oauthClientId: '', apiKey: 'old-secret' },
        tenants: { 'acme.eu.qlikcloud.com': { ...oauth } },
        retention: DEFAULT_RETENTION,
      };
      const migrated = migrateStoredSettings(old);
      expect(migrated?.changed).toBe(true);
      expect(migrated?.settings).toEqual({
        connection: { mode: 'session', webIntegrationId: 'wi', oauthClientId: '', apiKey: '' },
        tenants: old.tenants,
        retention: DEFAULT_RETENTION,
        defaultApiKeyRemoved: true,
      });
      expect(JSON.stringify(migrated)).not.toContain('old-secret');
    });

    it('removes a key left in a default connection of another mode, keeping the mode', () => {
      const migrated = migrateStoredSettings({ connection: { ...oauth, apiKey: 'stale' } });
      expect(migrated?.settings.connection).toEqual(oauth);
      expect(migrated?.settings.defaultApiKeyRemoved).toBe(true);
    });

    it('keeps tenant keys and current settings as they are', () => {
      const current: Settings = { ...DEFAULT_SETTINGS, tenants: { 'acme.eu.qlikcloud.com': { ...oauth, mode: 'api-key', apiKey: 'k' } } };
      expect(migrateStoredSettings(current)).toEqual({ settings: current, changed: false });
    });

    it('answers null for what is not settings', () => {
      expect(migrateStoredSettings(null)).toBeNull();
      expect(migrateStoredSettings({ connection: { mode: 42 } })).toBeNull();
    });
  });

  it('names what each connection still needs, with the tenant', () => {
    const settings: Settings = {
      connection: { ...DEFAULT_SETTINGS.connection, mode: 'web-integration' },
      tenants: { 'acme.eu.qlikcloud.com': { ...oauth, oauthClientId: '' } },
    };
    expect(settingsProblems(settings)).toEqual([
      'Web integration mode needs the web integration ID from your tenant admin.',
      'acme.eu.qlikcloud.com: OAuth mode needs the client ID of an OAuth SPA client.',
    ]);
    expect(settingsProblems(DEFAULT_SETTINGS)).toEqual([]);
  });

  it('leaves every API key out of an export', () => {
    const key = { ...oauth, mode: 'api-key' as const, apiKey: 'secret' };
    const exported = exportableSettings({ connection: DEFAULT_SETTINGS.connection, tenants: { 'a.qlikcloud.com': key }, retention: DEFAULT_RETENTION });
    expect(JSON.stringify(exported)).not.toContain('secret');
    expect(exported.retention).toEqual(DEFAULT_RETENTION);
    expect(exported.tenants?.['a.qlikcloud.com']?.mode).toBe('api-key');
  });
});
