// Wire-level pieces: engine errors and the delta protocol's JSON-Patch generation.
import { engineSpec } from '../spec/openrpc';

/** An error the engine answers with `{code, parameter, message}` (message from the spec). */
export class EngineError extends Error {
  constructor(
    readonly code: number,
    readonly parameter = '',
  ) {
    super(engineSpec().error(code).message);
  }
  toJson(): { code: number; parameter: string; message: string } {
    return { code: this.code, parameter: this.parameter, message: this.message };
  }
}

export const ERR = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  notFound: 2,
  alreadyExists: 3,
  accessDenied: 5,
  invalidParameters: 8,
  notImplemented: 20,
  appNotFound: 1003,
  appInvalid: 1007,
  connectionNotFound: 2001,
  evalConditionFailed: 7005,
  extendsInvalidId: 8000,
} as const;

export interface Patch {
  op: 'add' | 'remove' | 'replace';
  path: string;
  value?: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** enigma.js's patch applier splits paths on '/' without unescaping: such keys get replaced whole. */
const unsafeKey = (k: string) => k.includes('/') || k.includes('~') || k === '' || k === '__proto__';

function diffInto(before: unknown, after: unknown, path: string, out: Patch[]): void {
  if (before === after) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    if (Object.keys(after).some(unsafeKey) || Object.keys(before).some(unsafeKey)) {
      if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ op: 'replace', path, value: after });
      return;
    }
    for (const key of Object.keys(before)) if (!(key in after)) out.push({ op: 'remove', path: `${path}/${key}` });
    for (const [key, value] of Object.entries(after)) {
      if (!(key in before)) out.push({ op: 'add', path: `${path}/${key}`, value });
      else diffInto(before[key], value, `${path}/${key}`, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    after.forEach((value, i) => {
      const old = before[i];
      if ((isPlainObject(old) && isPlainObject(value)) || (Array.isArray(old) && Array.isArray(value))) diffInto(old, value, `${path}/${i}`, out);
      else if (old !== value) out.push({ op: 'replace', path: `${path}/${i}`, value });
    });
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ op: 'replace', path, value: after });
}

/**
 * Patches that turn the client's cached value (per handle + method + result key, as
 * enigma.js caches them) into `after`. The first answer is a root `add`; an unchanged value
 * is `[]`; a primitive root or a change of root type is a root `add` again.
 */
export function deltaPatches(before: unknown, after: unknown, hasBefore: boolean): Patch[] {
  const rootAdd: Patch[] = [{ op: 'add', path: '/', value: after }];
  if (!hasBefore) return rootAdd;
  if (typeof after !== 'object' || after === null) return before === after ? [] : rootAdd;
  const sameKind = (isPlainObject(before) && isPlainObject(after)) || (Array.isArray(before) && Array.isArray(after));
  if (!sameKind) return rootAdd;
  if (Array.isArray(before) && Array.isArray(after) && before.length !== after.length) return rootAdd;
  const out: Patch[] = [];
  diffInto(before, after, '', out);
  return out;
}
