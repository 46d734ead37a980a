// Every rule has a unique code and name, its index entry, its doc page and its own test file,
// and every generated file (index, docs, README table) is up to date with the rule metadata.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from '../../../lib/schema/zod';
import { RULES } from '../../../lib/rules/index';
import { RUN_SUMMARIES } from '../../../lib/rules/run-summaries';
import { ROOT, staleFiles } from '../../../scripts/generated-files';
import { loadRuleFiles, orphanDocs, renderAll, type RuleFile } from '../../../scripts/gen-rules';

let files: RuleFile[];
let generated: Map<string, string>;

beforeAll(async () => {
  files = await loadRuleFiles();
  generated = await renderAll(files);
});

describe('rule catalogue meta-test', () => {
  it('has unique codes and kebab-case names that match the file names', () => {
    const codes = files.map((f) => f.rule.code);
    const names = files.map((f) => f.rule.name);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(names).size).toBe(names.length);
    for (const f of files) {
      expect(f.rule.code, f.file).toMatch(/^[QPRDSG]\d{2}$/);
      expect(f.rule.name, f.file).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(f.base, f.file).toBe(f.rule.name);
      expect(f.category, f.file).toBe(f.rule.category);
      expect('QPRDSG'.indexOf(f.rule.code[0]), f.file).toBe(['quality', 'performance', 'resource', 'design', 'script', 'context'].indexOf(f.rule.category));
    }
  });

  it('registers every rule file in lib/rules/index.ts, and nothing else', () => {
    expect(RULES.map((r) => r.code)).toEqual(files.map((f) => f.rule.code));
  });

  it('lists every run summary contract a rule declares in RUN_SUMMARIES, each naming its own rule', () => {
    const declared = RULES.flatMap((r) => (r.runSummary ? [r.runSummary] : []));
    expect([...RUN_SUMMARIES].sort((a, b) => a.rule.localeCompare(b.rule))).toEqual(declared);
    for (const rule of RULES) if (rule.runSummary) expect(rule.runSummary.rule, rule.code).toBe(rule.code);
  });

  it('gives every rule its documentation text, a source and defaults for every option', () => {
    for (const { rule, file } of files) {
      expect(rule.summary.length, file).toBeGreaterThan(10);
      expect(rule.why.text.length, file).toBeGreaterThan(20);
      expect(rule.why.sources.length, file).toBeGreaterThan(0);
      for (const s of rule.why.sources) expect(() => new URL(s.url), file).not.toThrow();
      expect(rule.howToFix.length, file).toBeGreaterThan(10);
      expect(() => rule.options.parse({}), `${file}: options need defaults`).not.toThrow();
      expect(rule.options).toBeInstanceOf(z.ZodMiniObject);
    }
  });

  it('justifies every default severity in the rule itself (severityReason, shown on its docs page)', () => {
    // the type requires the field; this also catches an empty or placeholder text in a rule loaded at run time
    const missing = files.filter(({ rule }) => (rule.severityReason ?? '').trim().length < 40).map(({ rule }) => `${rule.code} ${rule.name}`);
    expect(missing, 'rules without a severityReason of a sentence or two').toEqual([]);
    for (const { rule, file } of files) {
      expect(generated.get(`docs/rules/${rule.name}.md`), file).toContain(`## Severity\n\nDefault: **${rule.severity}**.`);
      expect(generated.get(`docs/rules/${rule.name}.md`), file).toContain(rule.severityReason);
    }
  });

  it('has a doc page and a test file for every rule', () => {
    for (const { rule, category } of files) {
      expect(existsSync(join(ROOT, 'docs/rules', `${rule.name}.md`)), `docs/rules/${rule.name}.md`).toBe(true);
      expect(existsSync(join(ROOT, 'test/lib/rules', category, `${rule.name}.test.ts`)), `test/lib/rules/${category}/${rule.name}.test.ts`).toBe(true);
    }
  });

  it('keeps the generated files up to date (run `npx tsx scripts/gen-rules.ts`)', () => {
    expect(staleFiles(generated)).toEqual([]);
    expect(orphanDocs(generated)).toEqual([]);
  });
});
