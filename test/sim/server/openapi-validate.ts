// Validates a response body against the response schema of one operation in the Qlik Cloud
// OpenAPI specs (../shared/qlik/openapi/*.json, OpenAPI 3.0). `#/components/...` refs resolve
// inside the same spec; unknown formats (uid, int64, binary, "string", …) are accepted.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const OPENAPI_DIR = fileURLToPath(new URL('../../../../shared/qlik/openapi/', import.meta.url));

type Json = Record<string, unknown>;

const specs = new Map<string, Json>();
const validators = new Map<string, ValidateFunction>();

function spec(name: string): Json {
  let loaded = specs.get(name);
  if (!loaded) {
    loaded = normaliseTitleEnums(JSON.parse(readFileSync(`${OPENAPI_DIR}${name}.json`, 'utf8'))) as Json;
    specs.set(name, loaded);
  }
  return loaded;
}

function collectFormats(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) return node.forEach((n) => collectFormats(n, into));
  if (typeof node !== 'object' || node === null) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'format' && typeof value === 'string') into.add(value);
    else collectFormats(value, into);
  }
}

// ajv-formats is CommonJS with a default export; under ESM interop it can arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/**
 * Spec quirk: enums written as `oneOf: [{title: "ANALYTICS", "x-qlik-const": 0}, …]` (e.g.
 * apps.json `UsageEnum`) match every string once per branch, so "exactly one" always fails.
 * Such a oneOf is read as `enum` of its titles.
 */
function normaliseTitleEnums(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normaliseTitleEnums);
  if (typeof node !== 'object' || node === null) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = normaliseTitleEnums(value);
  const branches = out.oneOf;
  if (Array.isArray(branches) && branches.length > 0 && branches.every((b) => isTitleOnly(b))) {
    delete out.oneOf;
    out.enum = branches.map((b) => (b as Json).title);
  }
  return out;
}

function isTitleOnly(branch: unknown): boolean {
  if (typeof branch !== 'object' || branch === null) return false;
  const keys = Object.keys(branch).filter((k) => !k.startsWith('x-'));
  return keys.length === 1 && keys[0] === 'title';
}

function formatCheck(format: unknown): (value: string) => boolean {
  if (format instanceof RegExp) return (value) => format.test(value);
  if (typeof format === 'function') return (value) => Boolean((format as (v: string) => unknown)(value));
  if (typeof format === 'object' && format !== null && 'validate' in format) return formatCheck((format as { validate: unknown }).validate);
  return () => true;
}

function makeAjv(document: Json): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // Qlik sends "" for an unset date-time (NxAttributes.publishTime: "empty if unpublished" [V: apps.json]).
  const isDateTime = formatCheck(ajv.formats['date-time']);
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => value === '' || isDateTime(value) });
  const formats = new Set<string>();
  collectFormats(document, formats);
  for (const format of formats) if (!ajv.formats[format]) ajv.addFormat(format, true);
  return ajv;
}

function responseSchema(document: Json, method: string, pathTemplate: string, status: number): Json {
  const paths = document.paths as Record<string, Record<string, Json>>;
  const operation = paths[pathTemplate]?.[method.toLowerCase()];
  if (!operation) throw new Error(`no ${method} ${pathTemplate} in the spec`);
  const responses = operation.responses as Record<string, Json>;
  const response = responses[String(status)] ?? responses.default;
  if (!response) throw new Error(`${method} ${pathTemplate}: the spec defines no ${status} response`);
  const content = (response.content ?? {}) as Record<string, { schema?: Json }>;
  const schema = content['application/json']?.schema ?? Object.values(content)[0]?.schema;
  return schema ?? {};
}

/**
 * @param specName file name without `.json`, e.g. `apps`
 * @returns the list of validation errors (empty when the body conforms)
 */
export function openApiErrors(specName: string, method: string, pathTemplate: string, status: number, body: unknown): string[] {
  const key = `${specName} ${method} ${pathTemplate} ${status}`;
  let validate = validators.get(key);
  if (!validate) {
    const document = spec(specName);
    // The refs point at `#/components/...`: compile with the components beside the schema.
    const root = { allOf: [responseSchema(document, method, pathTemplate, status)], components: document.components };
    validate = makeAjv(document).compile(root);
    validators.set(key, validate);
  }
  if (validate(body)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** throws with every error when the body does not match the spec */
export function assertMatchesOpenApi(specName: string, method: string, pathTemplate: string, status: number, body: unknown): void {
  const errors = openApiErrors(specName, method, pathTemplate, status, body);
  if (errors.length > 0) throw new Error(`${method} ${pathTemplate} ${status} does not match ${specName}.json:\n${errors.join('\n')}`);
}
