import { describe, expect, it } from 'vitest';
import { openApiErrors } from './openapi-validate';

describe('openApiErrors', () => {
  it('accepts a conforming body and reports a missing required property', () => {
    const reload = { id: 'r1', appId: 'a1', tenantId: 't1', userId: 'u1', type: 'hub', status: 'SUCCEEDED', creationTime: '2026-11-20T09:00:00.000Z' };
    expect(openApiErrors('reloads', 'GET', '/api/v1/reloads/{reloadId}', 200, reload)).toEqual([]);
    const { tenantId: _tenantId, ...withoutTenant } = reload;
    expect(openApiErrors('reloads', 'GET', '/api/v1/reloads/{reloadId}', 200, withoutTenant).join()).toContain('tenantId');
  });

  it('resolves $refs and checks enums and formats inside them', () => {
    expect(openApiErrors('apps', 'GET', '/api/v1/apps/{appId}', 200, { attributes: { usage: 'ANALYTICS', publishTime: '' } })).toEqual([]);
    expect(openApiErrors('apps', 'GET', '/api/v1/apps/{appId}', 200, { attributes: { usage: 'BOGUS' } }).join()).toContain('/attributes/usage');
    expect(openApiErrors('apps', 'GET', '/api/v1/apps/{appId}', 200, { attributes: { createdDate: 'yesterday' } }).join()).toContain('date-time');
    expect(openApiErrors('apps', 'GET', '/api/v1/apps/{appId}', 200, { privileges: 'read' }).join()).toContain('must be array');
  });

  it('throws for an operation or status the spec does not define', () => {
    expect(() => openApiErrors('apps', 'GET', '/api/v1/nope', 200, {})).toThrow(/no GET/);
    expect(() => openApiErrors('apps', 'GET', '/api/v1/apps/{appId}', 418, {})).toThrow(/no 418/);
  });
});
