// A throw-away certificate made at start (no private key in git) for the tenant host names.
// Browsers accept it with --ignore-certificate-errors / acceptInsecureCerts (toolchain-notes.md 3-4).
import { generate } from 'selfsigned';

export const CERT_HOSTS = ['*.qlikcloud.com', '*.eu.qlikcloud.com', '*.us.qlikcloud.com', '*.qlikcloudgov.com', 'localhost'];

export async function tenantCertificate(tenantHost: string, extraHosts: string[] = []): Promise<{ key: string; cert: string }> {
  const dnsNames = [...new Set([tenantHost, ...CERT_HOSTS, ...extraHosts])];
  const result = await generate([{ name: 'commonName', value: tenantHost }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...dnsNames.map((value) => ({ type: 2 as const, value })), { type: 7 as const, ip: '127.0.0.1' }, { type: 7 as const, ip: '::1' }],
      },
    ],
  });
  return { key: result.private, cert: result.cert };
}
