import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETENTION,
  DEFAULT_SETTINGS,
  Settings,
  analysisConfigOf,
  connectionFor,
  exportableSettings,
  retentionOf,
  settingsProblems,
  type ConnectionSettings,
} from '@/lib/protocol/settings';
import { AnalysisConfig } from '@/lib/analyze/config';

const oauth: ConnectionSettings = { mode: 'oauth', webIntegrationId: '', oauthClientId: 'c1', apiKey: '' };

describe('Settings', () => {
  it('still reads settings saved before tenants, rules and retention existed', () => {
    const old = { connection: { mode: 'api-key', webIntegrationId: '', oauthClientId: '', apiKey: ' k ' } };
    expect(Settings.parse(old)).toEqual({ connection: { ...old.connection, apiKey: 'k' } });
    expect(Settings.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it('accepts per-tenant connections keyed by host and refuses URLs or upper case as keys', () => {
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, tenants: { 'acme.eu.qlikcloud.com': oauth, 'localhost:8443': oauth } }).success).toBe(true);
    for (const bad of ['https://acme.eu.qlikcloud.com', 'Acme.qlikcloud.com', 'acme.qlikcloud.com/path', '', '-a.com']) {
      expect(Settings.safeParse({ ...DEFAULT_SETTINGS, tenants: { [bad]: oauth } }).success, bad).toBe(false);
    }
  });

  it('takes the timing mode quick or full, and nothing else', () => {
    expect(Settings.parse({ ...DEFAULT_SETTINGS, timingMode: 'full' }).timingMode).toBe('full');
    expect(Settings.parse({ ...DEFAULT_SETTINGS, timingMode: 'quick' }).timingMode).toBe('quick');
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, timingMode: 'slow' }).success).toBe(false);
    expect(Settings.parse(DEFAULT_SETTINGS).timingMode).toBeUndefined();
  });

  it('bounds the retention to whole numbers in range', () => {
    const withRetention = (maxApps: number, maxAgeDays: number) => Settings.safeParse({ ...DEFAULT_SETTINGS, retention: { maxApps, maxAgeDays } }).success;
    expect(withRetention(1, 1)).toBe(true);
    expect(withRetention(500, 3650)).toBe(true);
    expect(withRetention(0, 30)).toBe(false);
    expect(withRetention(10, 0.5)).toBe(false);
    expect(withRetention(Number.NaN, 30)).toBe(false);
    expect(withRetention(501, 30)).toBe(false);
  });

  it('holds a rule configuration lib/analyze accepts, and refuses unknown severities', () => {
    const analysis = { rules: { P01: { options: { firstMs: 2000 } }, R01: 'off' as const }, categories: { design: 'info' as const } };
    const settings = Settings.parse({ ...DEFAULT_SETTINGS, analysis });
    expect(AnalysisConfig.parse(analysisConfigOf(settings))).toMatchObject(analysis);
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, analysis: { rules: { R01: 'loud' }, categories: {} } }).success).toBe(false);
    expect(Settings.safeParse({ ...DEFAULT_SETTINGS, analysis: { rules: {}, categories: { colour: 'off' } } }).success).toBe(false);
  });

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
    expect(connectionFor(settings, 'ACME.eu.qlikcloud.com')).toBe(oauth);
    expect(connectionFor(settings, 'other.us.qlikcloud.com')).toBe(settings.connection);
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
    const exported = exportableSettings({ connection: key, tenants: { 'a.qlikcloud.com': key }, retention: DEFAULT_RETENTION });
    expect(JSON.stringify(exported)).not.toContain('secret');
    expect(exported.retention).toEqual(DEFAULT_RETENTION);
    expect(exported.tenants?.['a.qlikcloud.com']?.mode).toBe('api-key');
  });
});
