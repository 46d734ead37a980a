// The background build's rule-text stripping (scripts/vite/strip-rule-texts.ts): the texts go, the
// code stays where it was, and the stripped rules report exactly what the whole rules report.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import { z } from 'zod/mini';
import type { AnyRule } from '../../lib/analyze/rule';
import { runRules } from '../../lib/analyze/runner';
import { snapshotFromFolder } from '../../lib/cli/folder';
import { RULES } from '../../lib/rules/index';
import { isBackgroundBuild, stripRuleTexts, stripRuleTextsPlugin, WORKER_UNUSED_RULE_TEXTS } from '../../scripts/vite/strip-rule-texts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const RULE_SOURCE = `import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'X01',
  name: 'example',
  why: { text: 'Because, the reason', sources: [SOURCES.a] },
  howToFix: 'Fix it, then smile.',
  severityReason: 'A suggestion.',
  summary: 'Kept.',
  options: z.object({ limit: z._default(z.number(), 3).check(z.describe('how many, at most')) }),
  examples: { bad: 'Sum(If(a, b))', good: 'Sum({<a={1}>} b)' },
  check(ctx) { ctx.report({ message: 'found' }); },
  'howToFix': 'quoted too'
});
`;

describe('stripRuleTexts', () => {
  const stripped = stripRuleTexts(RULE_SOURCE, 'example.ts') ?? '';

  it('blanks the texts and the option descriptions, keeps everything else', () => {
    for (const text of ['Because, the reason', 'Fix it, then smile.', 'A suggestion.', 'how many, at most', 'Sum(If(a, b))', 'quoted too']) {
      expect(stripped).not.toContain(text);
    }
    for (const kept of ["code: 'X01'", "summary: 'Kept.'", 'z._default(z.number(), 3)', "check(ctx) { ctx.report({ message: 'found' }); },"]) {
      expect(stripped).toContain(kept);
    }
  });

  it('moves no code: same length, same line breaks (the source maps stay true)', () => {
    expect(stripped.length).toBe(RULE_SOURCE.length);
    expect([...stripped.matchAll(/\n/g)].map((m) => m.index)).toEqual([...RULE_SOURCE.matchAll(/\n/g)].map((m) => m.index));
  });

  it('leaves valid code: the object keeps its other properties', () => {
    const withoutTypes = stripped.replace(/^import .*$/gm, '').replace('export default ', 'return ');
    const rule = new Function('defineRule', 'z', 'SOURCES', withoutTypes)(
      (r: unknown) => r,
      { object: (shape: unknown) => shape, _default: (s: unknown) => s, number: () => 'number' },
      {},
    ) as Record<string, unknown>;
    expect(Object.keys(rule)).toEqual(['code', 'name', 'summary', 'options', 'check']);
    expect(rule.options).toEqual({ limit: 'number' });
  });

  it('leaves a module without rule texts alone', () => {
    expect(stripRuleTexts("export const a = { why: 'kept: not a rule' };")).toBeUndefined();
  });
});

describe('isBackgroundBuild', () => {
  it("recognises WXT's background entry, in lib mode or as an input", () => {
    expect(isBackgroundBuild({ build: { lib: { entry: 'virtual:wxt-background-entrypoint?/x/entrypoints/background.ts' } } } as never)).toBe(true);
    expect(isBackgroundBuild({ build: { lib: false, rollupOptions: { input: { background: 'virtual:wxt-background-entrypoint?/x' } } } } as never)).toBe(true);
  });
  it('leaves the pages and content scripts whole', () => {
    expect(isBackgroundBuild({ build: { lib: false, rollupOptions: { input: { popup: '/x/entrypoints/popup/index.html' } } } } as never)).toBe(false);
    expect(isBackgroundBuild({ build: { lib: { entry: 'virtual:wxt-content-script-isolated-world-entrypoint?/x/qlik.content.ts' } } } as never)).toBe(false);
  });
});

describe('the rules as the background build loads them', () => {
  let server: ViteDevServer;
  let stripped: readonly AnyRule[];

  beforeAll(async () => {
    server = await createServer({
      root: ROOT,
      configFile: false,
      logLevel: 'silent',
      appType: 'custom',
      server: { middlewareMode: true, hmr: false, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
      plugins: [stripRuleTextsPlugin({ always: true })],
    });
    stripped = ((await server.ssrLoadModule('/lib/rules/index.ts')) as { RULES: readonly AnyRule[] }).RULES;
  }, 60_000);
  afterAll(() => server?.close());

  it('have no texts for people, and every other property', () => {
    expect(stripped.map((r) => r.code)).toEqual(RULES.map((r) => r.code));
    for (const [i, rule] of stripped.entries()) {
      const whole = RULES[i] as unknown as Record<string, unknown>;
      for (const text of WORKER_UNUSED_RULE_TEXTS) expect(rule, `${rule.code}.${text}`).not.toHaveProperty(text);
      const kept = Object.keys(whole).filter((key) => !(WORKER_UNUSED_RULE_TEXTS as readonly string[]).includes(key));
      expect(Object.keys(rule).sort(), rule.code).toEqual(kept.sort());
      for (const key of kept) {
        if (typeof whole[key] === 'function' || key === 'options' || key === 'runSummary') continue;
        expect((rule as unknown as Record<string, unknown>)[key], `${rule.code}.${key}`).toEqual(whole[key]);
      }
    }
  });

  it('keep the options (types and defaults), without their descriptions', () => {
    const described = RULES.filter((r) => JSON.stringify(z.toJSONSchema(r.options, { io: 'input', unrepresentable: 'any' })).includes('"description"'));
    expect(described.length).toBeGreaterThan(0);
    for (const [i, rule] of stripped.entries()) {
      const schema = z.toJSONSchema(rule.options, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Record<string, unknown>> };
      const whole = z.toJSONSchema(RULES[i].options, { io: 'input', unrepresentable: 'any' }) as typeof schema;
      expect(JSON.stringify(schema), rule.code).not.toContain('"description"');
      const withoutDescriptions = Object.fromEntries(Object.entries(whole.properties ?? {}).map(([k, { description: _d, ...rest }]) => [k, rest]));
      expect(schema.properties ?? {}, rule.code).toEqual(withoutDescriptions);
      expect(rule.options.parse({}), rule.code).toEqual(RULES[i].options.parse({}));
    }
  });

  it('report exactly what the whole rules report', async () => {
    const snapshot = await snapshotFromFolder(fileURLToPath(new URL('../fixtures/app-folders/unbuild', import.meta.url)));
    const now = () => new Date('2026-01-01T00:00:00Z');
    const config = { rules: { D13: { severity: 'info' as const } } };
    const withoutTimes = (result: ReturnType<typeof runRules>) => ({ ...result, durationMs: 0, rules: result.rules.map((r) => ({ ...r, durationMs: 0 })) });
    const whole = withoutTimes(runRules(snapshot, config, { rules: RULES, now }));
    const lean = withoutTimes(runRules(snapshot, config, { rules: stripped, now }));
    expect(whole.findings.length).toBeGreaterThan(0);
    expect(lean).toEqual(whole);
  });
});
