import { describe, expect, it } from 'vitest';
import { z } from '../../../lib/schema/zod';
import { optionFields, optionSchemaErrors, regexErrors } from '../../../lib/analyze/option-fields';
import { RULES } from '../../../lib/rules/index';

const schema = z.object({
  maxDepth: z._default(z.int().check(z.minimum(1), z.maximum(9)), 3).check(z.describe('deepest nesting')),
  ms: z._default(z.number().check(z.positive()), 300),
  hidden: z._default(z.boolean(), true).check(z.describe('also hidden fields')),
  pattern: z.optional(z.string()).check(z.describe('regular expression names must match')),
  note: z._default(z.string(), 'x'),
  tags: z._default(z.array(z.string()), []),
});

describe('optionFields', () => {
  it('turns a zod option schema into typed fields with labels, limits and defaults', () => {
    expect(optionFields(schema)).toEqual([
      { key: 'maxDepth', label: 'deepest nesting', kind: 'number', defaultValue: 3, min: 1, max: 9, integer: true },
      { key: 'ms', label: 'ms', kind: 'number', defaultValue: 300, min: 0, max: undefined, integer: false },
      { key: 'hidden', label: 'also hidden fields', kind: 'boolean', defaultValue: true },
      { key: 'pattern', label: 'regular expression names must match', kind: 'text', defaultValue: undefined, regex: true },
      { key: 'note', label: 'note', kind: 'text', defaultValue: 'x', regex: false },
    ]);
  });

  it('gives every option of every shipped rule a field with its default', () => {
    for (const rule of RULES) {
      const defaults = rule.options.parse({}) as Record<string, unknown>;
      const fields = optionFields(rule.options);
      expect(fields.map((f) => f.key), rule.code).toEqual(Object.keys(rule.options.shape));
      for (const field of fields) expect(field.defaultValue, `${rule.code}.${field.key}`).toEqual(defaults[field.key]);
    }
  });
});

/** What the options page shows: the schema's errors (asked of the background) and the patterns that do not compile (checked on the page). */
const optionErrors = (values: Record<string, unknown>) => ({ ...regexErrors(optionFields(schema), values), ...optionSchemaErrors(schema, values) });

describe('optionSchemaErrors and regexErrors', () => {
  it('checks values with the rule schema and regular expressions by compiling them', () => {
    expect(optionErrors({ maxDepth: 4, ms: 10, pattern: '^v' })).toEqual({});
    const errors = optionErrors({ maxDepth: 10, ms: Number.NaN, hidden: 'yes', pattern: '([' });
    expect(Object.keys(errors).sort()).toEqual(['hidden', 'maxDepth', 'ms', 'pattern']);
    expect(errors.ms).toBe('Enter a number.');
    expect(errors.pattern).toMatch(/^Not a valid regular expression/);
  });
});
