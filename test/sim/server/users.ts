// The built-in tenant users and the developer's API key.
import { randomBytes } from 'node:crypto';
import type { SimUser } from '../types';

/** A developer (owner of the apps, can edit) and a viewer (can-view space role, read-only). */
export function builtInUsers(): { developer: SimUser; viewer: SimUser } {
  return {
    developer: {
      id: '65a1f0c2d1b0ecce6eeb0001',
      name: 'Dana Developer',
      email: 'developer@qlarity.test',
      subject: 'auth0|qlarity-developer',
      role: 'developer',
      password: 'developer',
    },
    viewer: {
      id: '65a1f0c2d1b0ecce6eeb0002',
      name: 'Val Viewer',
      email: 'viewer@qlarity.test',
      subject: 'auth0|qlarity-viewer',
      role: 'viewer',
      password: 'viewer',
    },
  };
}

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * Qlik Cloud API keys are JWTs (ES384, kid = key id) handed out once by the hub
 * [I: the keys shown by the hub start with `eyJ`]. The simulator only needs an opaque,
 * unguessable string of that look; it is checked by exact match.
 */
export function newApiKey(user: SimUser, tenantHost: string): string {
  const header = b64url(JSON.stringify({ alg: 'ES384', kid: randomBytes(12).toString('hex'), typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({ sub: user.id, subType: 'user', tenantId: tenantIdFor(tenantHost), jti: randomBytes(12).toString('hex'), aud: 'qlik.api', iss: 'qlik.api.internal/api-keys' }),
  );
  return `${header}.${payload}.${randomBytes(48).toString('base64url')}`;
}

/** A stable tenant id per tenant host (Qlik tenant ids are 32-char base62-like strings). */
export function tenantIdFor(tenantHost: string): string {
  return b64url(tenantHost).replace(/[-_=]/g, '').padEnd(32, 'Q').slice(0, 32);
}
