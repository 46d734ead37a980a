// The Engine API definitions the simulator is driven by: the OpenRPC spec (params, results,
// errors, access control; qlik-oss/enigma-go schema/engine-rpc.json, vendored with its MIT
// licence in ./vendor) and enigma.js's own schema (param order and defaults: what the client
// builds its requests from). Ajv validators are compiled lazily per method.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';

type Schema = Record<string, unknown>;

interface OpenRpcParam {
  name: string;
  required?: boolean;
  schema: Schema;
}
export interface OpenRpcMethod {
  name: string;
  params: OpenRpcParam[];
  result?: { schema?: Schema };
  'x-qlik-access-control'?: string[];
  'x-qlik-deprecated'?: boolean;
}
interface OpenRpcDoc {
  info: { version: string };
  methods: OpenRpcMethod[];
  components: { schemas: Record<string, Schema>; errors: Record<string, { code: number; message: string } | Schema> };
}
interface EnigmaParam {
  Name: string;
  DefaultValue?: unknown;
  Optional?: boolean;
}
interface EnigmaSchema {
  structs: Record<string, Record<string, { In: EnigmaParam[]; Out: { Name: string }[] }>>;
  enums: Record<string, { Type?: string; Values?: Record<string, number> }>;
}

const vendor = (name: string) => fileURLToPath(new URL(`./vendor/${name}`, import.meta.url));
const readJsonFile = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

let cached: EngineSpec | undefined;

export interface MethodParam {
  name: string;
  required: boolean;
  defaultValue?: unknown;
  hasDefault: boolean;
}

export class EngineSpec {
  readonly version: string;
  readonly methods = new Map<string, OpenRpcMethod>();
  readonly enigma: EnigmaSchema;
  readonly handleTypes: Record<string, string>;
  private readonly errorsByCode = new Map<number, { name: string; message: string }>();
  private readonly ajv: Ajv;
  private readonly paramValidators = new Map<string, ValidateFunction>();
  private readonly resultValidators = new Map<string, ValidateFunction>();
  private readonly paramLists = new Map<string, MethodParam[]>();

  constructor(doc: OpenRpcDoc, enigma: EnigmaSchema, companion: { 'remote-object-return-types': Record<string, string> }) {
    this.version = doc.info.version;
    for (const m of doc.methods) this.methods.set(m.name, m);
    this.enigma = enigma;
    this.handleTypes = companion['remote-object-return-types'];
    for (const [name, e] of Object.entries(doc.components.errors)) {
      if (typeof e.code === 'number' && typeof e.message === 'string') this.errorsByCode.set(e.code, { name, message: e.message });
    }
    this.ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, allowUnionTypes: true });
    this.ajv.addSchema({ $id: 'qix', definitions: transformSchema(doc.components.schemas) as Schema });
  }

  /** `Doc`, `GetObject` → true when the client (enigma schema) or the OpenRPC spec knows the method. */
  hasMethod(type: string, method: string): boolean {
    return Boolean(this.enigma.structs[type]?.[method]) || this.methods.has(`${type}.${method}`);
  }

  methodsOf(type: string): string[] {
    const names = new Set(Object.keys(this.enigma.structs[type] ?? {}));
    for (const name of this.methods.keys()) if (name.startsWith(`${type}.`)) names.add(name.slice(type.length + 1));
    return [...names];
  }

  /** Ordered params: names and defaults from enigma (what the client sends), required flags from OpenRPC. */
  params(type: string, method: string): MethodParam[] {
    const key = `${type}.${method}`;
    const known = this.paramLists.get(key);
    if (known) return known;
    const rpc = this.methods.get(key);
    const enigmaIn = this.enigma.structs[type]?.[method]?.In;
    const required = new Map((rpc?.params ?? []).map((p) => [p.name, Boolean(p.required)]));
    const list: MethodParam[] = enigmaIn
      ? enigmaIn.map((p) => ({ name: p.Name, required: required.get(p.Name) ?? false, defaultValue: p.DefaultValue, hasDefault: 'DefaultValue' in p && !p.Optional }))
      : (rpc?.params ?? []).map((p) => ({ name: p.name, required: Boolean(p.required), hasDefault: false }));
    // OpenRPC params that the older enigma schema lacks go at the end
    for (const p of rpc?.params ?? []) if (!list.some((l) => l.name === p.name)) list.push({ name: p.name, required: Boolean(p.required), hasDefault: false });
    this.paramLists.set(key, list);
    return list;
  }

  accessControl(type: string, method: string): string[] {
    return this.methods.get(`${type}.${method}`)?.['x-qlik-access-control'] ?? [];
  }

  /** The schema `type` of the object a method returns a handle to, if it returns one. */
  returnHandleType(type: string, method: string): string | undefined {
    return this.handleTypes[`${type}.${method}`];
  }

  error(code: number): { name: string; message: string } {
    return this.errorsByCode.get(code) ?? { name: 'LOCERR_GENERIC_UNKNOWN', message: 'Unknown error' };
  }

  /** Validates named params; returns the first problem or undefined. */
  validateParams(type: string, method: string, args: Record<string, unknown>): string | undefined {
    const key = `${type}.${method}`;
    const rpc = this.methods.get(key);
    if (!rpc) return undefined;
    let validate = this.paramValidators.get(key);
    if (!validate) {
      const properties: Record<string, unknown> = {};
      for (const p of rpc.params) properties[p.name] = transformSchema(p.schema);
      validate = this.ajv.compile({ type: 'object', properties, required: rpc.params.filter((p) => p.required).map((p) => p.name) });
      this.paramValidators.set(key, validate);
    }
    if (validate(args)) return undefined;
    const e = validate.errors?.[0];
    return e ? `${e.instancePath || 'params'} ${e.message ?? 'is invalid'}`.trim() : 'invalid params';
  }

  /** Validates a (non-delta) result against the method's OpenRPC result schema. */
  validateResult(type: string, method: string, result: unknown): string | undefined {
    const key = `${type}.${method}`;
    // "object not found" is `qReturn: {qType: null, qHandle: null}` on the wire although the
    // spec types qType as a string (shared/research/engine.md §2.1)
    const ret = (result as { qReturn?: { qType?: unknown; qHandle?: unknown } } | undefined)?.qReturn;
    if (ret && ret.qType === null && ret.qHandle === null) return undefined;
    const rpc = this.methods.get(key);
    if (!rpc?.result?.schema) return `no result schema for ${key}`;
    let validate = this.resultValidators.get(key);
    if (!validate) {
      validate = this.ajv.compile(transformSchema(rpc.result.schema) as Schema);
      this.resultValidators.set(key, validate);
    }
    if (validate(result)) return undefined;
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
  }
}

/**
 * OpenRPC → plain JSON Schema (shared/research/engine.md §1.5): refs point into the `qix`
 * schema, `oneOf[{x-qlik-const,title}]` enums become `enum` of titles (what the engine sends
 * and accepts) and numbers, numbers also accept "NaN"/"Infinity" strings (the engine sends
 * NaN as "NaN"), and `additionalProperties` is never restricted: properties and layouts are
 * open-ended and Sense stores numbers and booleans there (`rank`, `showTitles`) although the
 * spec types extra keys as objects.
 */
export function transformSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(transformSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const s = schema as Schema;
  const oneOf = s.oneOf as Schema[] | undefined;
  if (Array.isArray(oneOf) && oneOf.length > 0 && oneOf.every((o) => 'x-qlik-const' in o)) {
    return { enum: [...oneOf.map((o) => o.title), ...oneOf.map((o) => o['x-qlik-const'])] };
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === 'additionalProperties') continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', 'qix#/definitions/');
      continue;
    }
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, transformSchema(v)]));
      continue;
    }
    out[key] = transformSchema(value);
  }
  if (out.type === 'number') {
    delete out.type;
    return { anyOf: [{ ...out, type: 'number' }, { enum: ['NaN', 'Infinity', '-Infinity'] }] };
  }
  return out;
}

export function engineSpec(): EngineSpec {
  if (!cached) {
    const require = createRequire(import.meta.url);
    cached = new EngineSpec(
      readJsonFile<OpenRpcDoc>(vendor('engine-rpc.json')),
      readJsonFile<EnigmaSchema>(require.resolve('enigma.js/schemas/12.2027.0.json')),
      readJsonFile(vendor('engine-schema-companion.json')),
    );
  }
  return cached;
}

export function vendorJson<T>(name: string): T {
  return readJsonFile<T>(vendor(name));
}
