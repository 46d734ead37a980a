// Progressive analysis (issue #20, item 1): the partial snapshots of a real collection of a
// bench-like generated app (title expressions, colour expressions, sheets timed one by one), each
// analysed by re-running only the rules whose inputs changed, give what a full analysis gives.
import { mkdtemp, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from '../../../lib/schema/zod';
import { createProgressiveAnalysis, TIMING_PASS_PARTS } from '../../../lib/analyze/progressive';
import type { AnalysisResult } from '../../../lib/analyze/result';
import { defineRule, type RuleMeta } from '../../../lib/analyze/rule';
import { runRules } from '../../../lib/analyze/runner';
import { collectApp } from '../../../lib/collect/index';
import { openEngineSession } from '../../../lib/qlik/engine/session';
import { analyse } from '../../../lib/rules/analyse';
import { RULES } from '../../../lib/rules/index';
import type { AppSnapshot } from '../../../lib/snapshot/schema';
import { generateLargeApp } from '../../fixtures/generate-large-app';
import { loadAppFolder } from '../../sim/app/index';
import { type Simulator, startSimulator } from '../../sim/index';
import { inMemorySocketFactory, onVirtualClock } from '../collect/sim-harness';

let dir: string;
let sim: Simulator;
let partials: AppSnapshot[];
let final: AppSnapshot;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'qlarity-progressive-'));
  const folder = await generateLargeApp(join(dir, 'app'), { sheets: 6, objects: 90, expressions: 450, fields: 40, calcMs: 1, cachedCalcMs: 0 });
  const app = await loadAppFolder(folder);
  sim = await startSimulator({ http: false });
  partials = [];
  final = await onVirtualClock(async () => {
    const engine = await openEngineSession({ url: 'https://tenant.example', appId: app.id, createSocket: inMemorySocketFactory(app, sim.users.developer, () => {}) });
    try {
      return await collectApp({ engine, appId: app.id, source: { host: 'tenant.example', mode: 'test' }, onPartial: (p) => void partials.push(p) });
    } finally {
      await engine.close();
    }
  });
}, 120_000);
afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const now = () => new Date('2026-12-07T10:00:00Z');

/** A result without what differs between two runs of the same analysis (the time each rule took). */
function comparable(result: AnalysisResult) {
  return { ...result, durationMs: 0, rules: result.rules.map((r) => ({ ...r, durationMs: 0 })) };
}

describe('progressive analysis', () => {
  it('gives, for every partial snapshot and the final one, what a full analysis gives, re-running only some rules', () => {
    expect(partials.length).toBe(7); // the inventory, then one per sheet
    const titled = final.objects.filter((o) => o.titleIsExpression);
    expect(titled.length).toBeGreaterThan(0); // names change as the layouts come in
    const config = { rules: { D13: 'warning' } } as const;
    const progressive = createProgressiveAnalysis({ rules: RULES, now });
    const ran: string[][] = [];
    for (const snapshot of [...partials, final]) {
      const update = progressive(snapshot, config);
      ran.push(update.ran);
      expect(comparable(update.result)).toEqual(comparable(analyse(snapshot, config, { now })));
    }
    const last = progressive(final, config).result;
    const full = analyse(final, config, { now });
    expect(last.score).toEqual(full.score);
    expect(last.rules.map((r) => [r.rule, r.status, r.reason])).toEqual(full.rules.map((r) => [r.rule, r.status, r.reason]));
    expect(full.rules.some((r) => r.status === 'could-not-run')).toBe(true);
    // some findings name an object by the title the engine calculated, known only after its sheet was timed
    expect(full.findings.some((f) => titled.some((o) => o.id === f.target.id && f.target.name === o.layout?.title))).toBe(true);

    // the first analysis runs every rule; each later one the timing pass's rules and those that named a renamed object
    expect(ran[0]).toHaveLength(RULES.length);
    const timingRules = RULES.filter((r) => [...r.needs, ...(r.reads ?? [])].some((n) => TIMING_PASS_PARTS.includes(n))).map((r) => r.code);
    expect(timingRules).toEqual(expect.arrayContaining(['P01', 'P02', 'P05', 'P20', 'Q11']));
    for (const update of ran.slice(1)) {
      expect(update).toEqual(expect.arrayContaining(timingRules));
      expect(update.length).toBeLessThan(RULES.length / 2);
    }
    // the final snapshot differs from the last partial only in when it was assembled: only the timing rules run
    expect(ran.at(-1)).toEqual(timingRules);
  });

  it('runs every rule again when the configuration or anything besides the timing pass changed', () => {
    const [inventory, first] = partials as [AppSnapshot, AppSnapshot];
    const progressive = createProgressiveAnalysis({ rules: RULES, now });
    progressive(inventory);
    expect(progressive(first, { rules: { P01: 'off' } }).ran).toHaveLength(RULES.length);
    const issue = { part: 'connection' as const, code: 'CONNECTION_RESUMED', message: 'resumed' };
    const withIssue = { ...first, collectionIssues: [...first.collectionIssues, issue] };
    const update = progressive(withIssue, { rules: { P01: 'off' } });
    expect(update.ran).toHaveLength(RULES.length);
    expect(comparable(update.result)).toEqual(comparable(analyse(withIssue, { rules: { P01: 'off' } }, { now })));
    const renamedApp = { ...withIssue, app: { ...withIssue.app, name: 'Another name' } };
    expect(progressive(renamedApp, { rules: { P01: 'off' } }).ran).toHaveLength(RULES.length);
  });

  it('keeps a rule that read no timing part and named no renamed object, and re-runs one that did', () => {
    const [inventory, first] = partials as [AppSnapshot, AppSnapshot];
    const renamed = first.objects.find((o) => o.titleIsExpression && o.layout?.title !== undefined);
    if (!renamed) throw new Error('no title expression measured on the first sheet');
    const base = { category: 'design', severity: 'info', summary: 't', why: { text: 't', sources: [] }, howToFix: 't', severityReason: 't', options: z.object({}), needs: [] } satisfies Omit<RuleMeta, 'code' | 'name'>;
    const namesIt = defineRule({ ...base, code: 'X01', name: 'names-it', check: (ctx) => ctx.report({ target: ctx.index.objectTarget(renamed.id), message: 'named' }) });
    const namesNothing = defineRule({ ...base, code: 'X02', name: 'names-nothing', check: (ctx) => ctx.report({ target: ctx.index.appTarget(), message: 'app' }) });
    const readsUsage = defineRule({ ...base, code: 'X03', name: 'reads-usage', check: (ctx) => void ctx.index.usage });
    // an object an app evaluation lists, or one an expression's location belongs to, is named the same way
    const namesItAsListed = defineRule({ ...base, code: 'X04', name: 'names-it-as-listed', check: (ctx) => ctx.report({ target: ctx.index.listedObjectTarget({ id: renamed.id }), message: 'listed' }) });
    const location = { objectId: renamed.id, objectType: renamed.type, owner: 'object', path: '', kind: 'measure' } as const;
    const namesItsLocation = defineRule({ ...base, code: 'X05', name: 'names-its-location', check: (ctx) => ctx.report({ target: ctx.index.locationTarget(location), message: 'location' }) });
    const progressive = createProgressiveAnalysis({ rules: [namesIt, namesNothing, readsUsage, namesItAsListed, namesItsLocation], now });
    const before = progressive(inventory).result.findings.find((f) => f.rule === 'X01');
    const update = progressive(first);
    expect(update.ran).toEqual(['X01', 'X03', 'X04', 'X05']);
    expect(comparable(update.result)).toEqual(comparable(runRules(first, undefined, { rules: [namesIt, namesNothing, readsUsage, namesItAsListed, namesItsLocation], now })));
    const after = update.result.findings.find((f) => f.rule === 'X01');
    expect(before?.target.name).not.toBe(after?.target.name);
    expect(after?.target.name).toBe(renamed.layout?.title);
  });

  it('every rule that reads the timing pass says so in its needs or reads', () => {
    // a rule reading timings or layout facts (itself or through lib/snapshot/timings.ts) without declaring it would keep a stale outcome during the pass
    const root = join(import.meta.dirname, '../../../lib/rules');
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join(root, f), 'utf8'));
    const readers = sources.filter((text) => /\.timings\b|layoutErrors|calcCondMessage|\.layout\b|snapshot\/timings/.test(text)).map((text) => /code: '([A-Z]\d\d)'/.exec(text)?.[1]);
    expect(readers.length).toBeGreaterThan(0);
    for (const code of readers) {
      const rule = RULES.find((r) => r.code === code);
      expect([...(rule?.needs ?? []), ...(rule?.reads ?? [])], code).toEqual(expect.arrayContaining([...TIMING_PASS_PARTS]));
    }
  });
});
