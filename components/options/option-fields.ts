// Turns a rule's zod option schema into form fields (numbers, booleans, texts), so the options
// page follows the rule metadata without a hand-written form per rule.
import { z } from 'zod';

interface FieldBase {
  key: string;
  label: string;
}
export type OptionField =
  | (FieldBase & { kind: 'number'; defaultValue: number | undefined; min: number | undefined; max: number | undefined; integer: boolean })
  | (FieldBase & { kind: 'boolean'; defaultValue: boolean })
  | (FieldBase & { kind: 'text'; defaultValue: string | undefined; regex: boolean });

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodPrefault) current = current.unwrap() as z.ZodType;
  return current;
}

function describe(schema: z.ZodType): string | undefined {
  let current: z.ZodType = schema;
  for (;;) {
    if (current.description) return current.description;
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodPrefault) current = current.unwrap() as z.ZodType;
    else return undefined;
  }
}

/** Fields of the option types the page can edit; others (none today) are left to the config file. */
export function optionFields(schema: z.ZodObject): OptionField[] {
  const defaults = schema.safeParse({});
  const defaultOf = (key: string): unknown => (defaults.success ? (defaults.data as Record<string, unknown>)[key] : undefined);
  const fields: OptionField[] = [];
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const inner = unwrap(field);
    const label = describe(field) ?? key;
    const defaultValue = defaultOf(key);
    if (inner instanceof z.ZodNumber) {
      fields.push({
        key,
        label,
        kind: 'number',
        defaultValue: typeof defaultValue === 'number' ? defaultValue : undefined,
        min: inner.minValue !== null && inner.minValue > Number.MIN_SAFE_INTEGER ? inner.minValue : undefined,
        // z.int() carries the safe-integer bounds: not worth showing
        max: inner.maxValue !== null && inner.maxValue < Number.MAX_SAFE_INTEGER ? inner.maxValue : undefined,
        integer: inner.isInt,
      });
    } else if (inner instanceof z.ZodBoolean) {
      fields.push({ key, label, kind: 'boolean', defaultValue: defaultValue === true });
    } else if (inner instanceof z.ZodString) {
      fields.push({ key, label, kind: 'text', defaultValue: typeof defaultValue === 'string' ? defaultValue : undefined, regex: /regular expression|regex|pattern/i.test(label) });
    }
  }
  return fields;
}

/** Errors per option key for the given override values, checked by the rule's own schema. */
export function optionErrors(schema: z.ZodObject, values: Record<string, unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? '');
      errors[key] ??= issue.code === 'invalid_type' && typeof values[key] === 'number' ? 'Enter a number.' : issue.message;
    }
  }
  for (const field of optionFields(schema)) {
    const value = values[field.key];
    if (field.kind === 'text' && field.regex && typeof value === 'string' && value && !errors[field.key]) {
      try {
        new RegExp(value);
      } catch (e) {
        errors[field.key] = `Not a valid regular expression: ${e instanceof Error ? e.message : String(e)}`;
      }
    }
  }
  return errors;
}
