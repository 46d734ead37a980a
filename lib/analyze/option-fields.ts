// Turns a rule's zod option schema into form fields (numbers, booleans, texts), so the options
// page follows the rule metadata without a hand-written form per rule: the rule catalogue carries
// the fields to the page as data (scripts/gen-rule-catalogue.ts), and the values entered are checked
// with the rule's own schema (optionSchemaErrors) where the rules are, in the background, and
// the patterns by compiling them (regexErrors) on the page.
import { z } from '../schema/zod';

interface FieldBase {
  key: string;
  label: string;
}
export type OptionField =
  | (FieldBase & { kind: 'number'; defaultValue?: number; min?: number; max?: number; integer: boolean })
  | (FieldBase & { kind: 'boolean'; defaultValue: boolean })
  | (FieldBase & { kind: 'text'; defaultValue?: string; regex: boolean });

const isWrapper = (schema: z.ZodMiniType) => schema instanceof z.ZodMiniDefault || schema instanceof z.ZodMiniOptional || schema instanceof z.ZodMiniPrefault;
const innerOf = (schema: z.ZodMiniDefault | z.ZodMiniOptional | z.ZodMiniPrefault) => schema.def.innerType as z.ZodMiniType;

function unwrap(schema: z.ZodMiniType): z.ZodMiniType {
  let current = schema;
  while (isWrapper(current)) current = innerOf(current as z.ZodMiniDefault);
  return current;
}

function describe(schema: z.ZodMiniType): string | undefined {
  let current: z.ZodMiniType = schema;
  for (;;) {
    const description = z.globalRegistry.get(current)?.description; // set by z.describe()
    if (description) return description;
    if (isWrapper(current)) current = innerOf(current as z.ZodMiniDefault);
    else return undefined;
  }
}

/**
 * A number schema's bounds (exclusive ones count as bounds) and whether it takes whole numbers
 * only, read off its checks (`z.int()` is a number format that is its own first check).
 */
function numberBounds(schema: z.ZodMiniNumber): { min: number | null; max: number | null; integer: boolean } {
  let min = Number.NEGATIVE_INFINITY;
  let max = Number.POSITIVE_INFINITY;
  let integer = false;
  const checks = [...(schema instanceof z.ZodMiniNumberFormat ? [schema] : []), ...(schema.def.checks ?? [])];
  for (const check of checks) {
    const def = check._zod.def as { check: string; value?: unknown; format?: string };
    if (def.check === 'greater_than' && typeof def.value === 'number') min = Math.max(min, def.value);
    else if (def.check === 'less_than' && typeof def.value === 'number') max = Math.min(max, def.value);
    else if (def.check === 'number_format' && def.format?.includes('int')) integer = true;
    else if (def.check === 'multiple_of' && Number.isSafeInteger(def.value)) integer = true;
  }
  return { min: Number.isFinite(min) ? min : null, max: Number.isFinite(max) ? max : null, integer };
}

/** Fields of the option types the page can edit; others (none today) are left to the config file. */
export function optionFields(schema: z.ZodMiniObject): OptionField[] {
  const defaults = schema.safeParse({});
  const defaultOf = (key: string): unknown => (defaults.success ? (defaults.data as Record<string, unknown>)[key] : undefined);
  const fields: OptionField[] = [];
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodMiniType>)) {
    const inner = unwrap(field);
    const label = describe(field) ?? key;
    const defaultValue = defaultOf(key);
    if (inner instanceof z.ZodMiniNumber) {
      const bounds = numberBounds(inner);
      fields.push({
        key,
        label,
        kind: 'number',
        defaultValue: typeof defaultValue === 'number' ? defaultValue : undefined,
        min: bounds.min !== null && bounds.min > Number.MIN_SAFE_INTEGER ? bounds.min : undefined,
        // z.int() carries the safe-integer bounds: not worth showing
        max: bounds.max !== null && bounds.max < Number.MAX_SAFE_INTEGER ? bounds.max : undefined,
        integer: bounds.integer,
      });
    } else if (inner instanceof z.ZodMiniBoolean) {
      fields.push({ key, label, kind: 'boolean', defaultValue: defaultValue === true });
    } else if (inner instanceof z.ZodMiniString) {
      fields.push({ key, label, kind: 'text', defaultValue: typeof defaultValue === 'string' ? defaultValue : undefined, regex: /regular expression|regex|pattern/i.test(label) });
    }
  }
  return fields;
}

/** Errors per option key for the given override values, checked by the rule's own schema. */
export function optionSchemaErrors(schema: z.ZodMiniObject, values: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      errors[key] ??= issue.code === 'invalid_type' && typeof values[key] === 'number' ? 'Enter a number.' : issue.message;
    }
  }
  return errors;
}

/**
 * Errors per option key for texts that must be regular expressions and do not compile. Read off the
 * fields, not the schema: which text is a pattern comes from its description, which the
 * background's build leaves out (scripts/vite/strip-rule-texts.ts), so the options page checks this
 * with the fields of the rule catalogue.
 */
export function regexErrors(fields: readonly OptionField[], values: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.key];
    if (field.kind !== 'text' || !field.regex || typeof value !== 'string' || !value) continue;
    try {
      new RegExp(value);
    } catch (e) {
      errors[field.key] = `Not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return errors;
}
