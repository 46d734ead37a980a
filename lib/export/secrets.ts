// Exports never carry credentials. An AnalysisResult holds none by construction (tokens and API keys
// live in the extension's storage, never in a snapshot), and this is the exports' own guard on top:
// any `data` entry whose key names a credential (token, key, password, secret, cookie,
// authorization …) is dropped, however deep it sits.
// Text inside messages and data (e.g. a connection string with a password that rule S07 quotes
// from the script) is redacted when the finding is made (lib/analyze/runner.ts); it is redacted here
// again for results stored before that, or imported from elsewhere.
import type { Finding } from '../analyze/result';
import { redactSecrets, redactSecretsDeep } from '../snapshot/redact-secrets';

const SECRET_KEY = /(?:token|api[-_]?key|apikey|secret|password|passwd|pwd|cookie|authori[sz]ation|credential|private[-_]?key|client[-_]?secret)/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** A copy of the value without entries whose key names a credential (arrays and objects, any depth). */
export function stripSecretKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSecretKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) if (!isSecretKey(key)) out[key] = stripSecretKeys(entry);
    return out;
  }
  return value;
}

export function withoutSecrets(finding: Finding): Finding {
  const redacted = { ...finding, message: redactSecrets(finding.message) };
  if (!finding.data) return redacted;
  return { ...redacted, data: redactSecretsDeep(stripSecretKeys(finding.data)) as Record<string, unknown> };
}
