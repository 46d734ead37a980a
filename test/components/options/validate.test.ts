import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../../components/options/validate';
import { DEFAULT_CONNECTION, DEFAULT_SETTINGS } from '../../../lib/protocol/settings';

const acceptRules = async () => ({});

describe('validateSettings', () => {
  it("marks the field each connection mode needs, in the default connection and in a tenant's", async () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      connection: { ...DEFAULT_CONNECTION, mode: 'web-integration' },
      tenants: { 'acme.eu.qlikcloud.com': { ...DEFAULT_CONNECTION, mode: 'oauth' } },
    };
    await expect(validateSettings(settings, acceptRules, [])).resolves.toEqual({
      ok: false,
      errors: {
        'connection.webIntegrationId': 'Web integration mode needs the web integration ID from your tenant admin.',
        'tenants.acme.eu.qlikcloud.com.oauthClientId': 'OAuth mode needs the client ID of an OAuth SPA client.',
      },
    });
  });

  it('accepts a mode once its field is filled, and session mode as it is', async () => {
    const settings = { ...DEFAULT_SETTINGS, tenants: { 'acme.eu.qlikcloud.com': { ...DEFAULT_CONNECTION, mode: 'oauth', oauthClientId: 'abc' } } };
    await expect(validateSettings(settings, acceptRules, [])).resolves.toEqual({ ok: true, settings });
  });
});
