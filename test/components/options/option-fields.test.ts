import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionErrors, optionFields } from '@/components/options/option-fields';
import { RULES } from '@/lib/rules/index';

const schema = z.object({
  maxDepth: z.int().min(1).max(9).default(3).describe('deepest nesting'),
  ms: z.number().positive().default(300),
  hidden: z.boolean().default(true).describe('also hidden fields'),
  pattern: z.string().optional().describe('regular expression names must match'),
  note: z.string().default('x'),
  tags: z.array(z.string()).default([]),
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

describe('optionErrors', () => {
  it('checks values with the rule schema and regular expressions by compiling them', () => {
    expect(optionErrors(schema, { maxDepth: 4, ms: 10, pattern: '^v' })).toEqual({});
    const errors = optionErrors(schema, { maxDepth: 10, ms: Number.NaN, hidden: 'yes', pattern: '([' });
    expect(Object.keys(errors).sort()).toEqual(['hidden', 'maxDepth', 'ms', 'pattern']);
    expect(errors.ms).toBe('Enter a number.');
    expect(errors.pattern).toMatch(/^Not a valid regular expression/);
  });
});
