// The engine session's enigma.js schema is the full 12.2027.0 schema cut to the read-only
// allow-list (scripts/gen-engine-schema.ts): every allowed method is there exactly as in the full
// schema, nothing else is, and every type stays so enigma.js can hold a handle of any type.
import { describe, expect, it } from 'vitest';
import { READ_ONLY_ENGINE_SCHEMA } from '../../../../lib/qlik/engine/read-only-schema';
import { ENGINE_ALLOW_LIST } from '../../../../lib/qlik/read-only';
import { ENGINE_SCHEMA_PATH, engineSchemaIsCurrent, readFullSchema } from '../../../../scripts/gen-engine-schema';

const full = readFullSchema();
const trimmed = READ_ONLY_ENGINE_SCHEMA as { structs: Record<string, Record<string, unknown>> };

describe('the read-only engine schema', () => {
  it(`${ENGINE_SCHEMA_PATH} is up to date (npm run docs regenerates it)`, () => {
    expect(engineSchemaIsCurrent()).toBe(true);
  });

  it('has every allow-listed method, with In and Out exactly as in the full schema', () => {
    for (const [type, methods] of Object.entries(ENGINE_ALLOW_LIST)) {
      for (const method of methods) {
        expect(full.structs[type]?.[method], `${type}.${method} in ${'enigma.js'} 12.2027.0`).toBeDefined();
        expect(trimmed.structs[type]?.[method], `${type}.${method}`).toEqual(full.structs[type]?.[method]);
      }
    }
  });

  it('has no other method, and keeps every type of the full schema', () => {
    expect(Object.keys(trimmed.structs).sort()).toEqual(Object.keys(full.structs).sort());
    for (const [type, methods] of Object.entries(trimmed.structs)) {
      for (const method of Object.keys(methods)) expect(ENGINE_ALLOW_LIST[type]?.has(method), `${type}.${method}`).toBe(true);
    }
  });
});
