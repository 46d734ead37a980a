import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Settings, type ConnectionSettings } from '../../../lib/protocol/settings';
import { AnalysisConfig } from '../../../lib/analyze/config';
import { analysisConfigOf } from '../../../lib/extension/settings/read';

const oauth: ConnectionSettings = { mode: 'oauth', webIntegrationId: '', oauthClientId: 'c1', apiKey: '' };

describe('Settings', () => {
  it('still reads settings saved before tenants, rules and retention existed', () => {
    const old = { connection: { mode: 'oauth', webIntegrationId: '', oauthClientId: ' c ', apiKey: '' } };
    expect(Settings.parse(old)).toEqual({ connection: { ...old.connection, oauthClientId: 'c' } });
    expect(Settings.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses an API key or API-key mode in the default connection (a key belongs to one tenant)', () => {
    const withDefault = (patch: Partial<ConnectionSettings>) => Settings.safeParse({ connection: { ...DEFAULT_SETTINGS.connection, ...patch } });
    expect(withDefault({ mode: 'api-key', apiKey: 'k' }).success).toBe(false);
    expect(withDefault({ mode: 'api-key' }).success).toBe(false);
    expect(withDefault({ mode: 'session', apiKey: 'k' }).success).toBe(false);
    expect(withDefault({ mode: 'api-key' }).error?.issues[0]?.message).toContain('entered per tenant');
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
});
