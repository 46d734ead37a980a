// The OASIS SARIF 2.1.0 schema (../shared/specs) as an ajv validator, for the SARIF export tests.
import { readFileSync } from 'node:fs';
import { Ajv, type AnySchema } from 'ajv';
import addFormatsModule from 'ajv-formats';

export function sarifValidator() {
  // The OASIS schema is draft-04 (`id`); ajv 8 reads it as draft-07 once the id is `$id`.
  const schema = JSON.parse(readFileSync(new URL('../../../../shared/specs/sarif-schema-2.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const { $schema: _draft, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: id } as AnySchema);
}
