import { describe, expect, it } from 'vitest';
import { z } from '../../../lib/schema/zod';
import { AnalysisResult } from '../../../lib/analyze/result';
import { defineRule } from '../../../lib/analyze/rule';
import { defineRunSummary, runSummaryOf } from '../../../lib/analyze/run-summary';
import { analyse } from '../../../lib/rules/analyse';
import { suppressionFor } from '../../../lib/analyze/suppression';
import { app } from '../../fixtures/builders';

const perObject = defineRule({
  code: 'X01',
  name: 'every-object',
  category: 'design',
  severity: 'info',
  summary: 'Reports every object (test rule).',
  why: { text: 'test', sources: [] },
  howToFix: 'test',
  severityReason: 'test',
  options: z.object({ minTitleLength: z._default(z.number().check(z.int(), z.minimum(0)), 0) }),
  needs: ['objects'],
  check(ctx) {
    for (const o of ctx.snapshot.objects) {
      if ((o.title ?? '').length >= ctx.options.minTitleLength) ctx.report({ target: ctx.index.objectTarget(o.id), message: `object ${o.title}`, content: o.title });
    }
  },
});
const throwing = defineRule({ ...perObject, code: 'X02', name: 'throws', check: () => { throw new TypeError('boom'); } });
const needsScript = defineRule({ ...perObject, code: 'X03', name: 'needs-script', needs: ['script'] });
const givesUp = defineRule({ ...perObject, code: 'X04', name: 'gives-up', check: (ctx) => ctx.cannotRun('no evaluation for this sheet') });
const offByDefault = defineRule({ ...perObject, code: 'X05', name: 'off-by-default', defaultEnabled: false });
const rules = [perObject, throwing, needsScript, givesUp, offByDefault];

const snapshot = () => app({ id: 'app-A' }).noScript().sheet({ title: 'S' }).kpi({ id: 'k1', title: 'Sales' }).kpi({ id: 'k2', title: 'Margin %' }).build();
const now = () => new Date('2026-01-02T03:04:05Z');

const kept = defineRunSummary('X06', z.object({ count: z.number().check(z.int()), note: z._default(z.string(), 'none') }));
const keepsSummary = defineRule({ ...perObject, code: 'X06', name: 'keeps-summary', runSummary: kept, check: (ctx) => ctx.summary({ count: ctx.snapshot.objects.length }) });
const keepsWrongShape = defineRule({ ...perObject, code: 'X07', name: 'keeps-wrong-shape', runSummary: kept, check: (ctx) => ctx.summary({ count: 1.5 }) });
const keepsUndeclared = defineRule({ ...perObject, code: 'X08', name: 'keeps-undeclared', check: (ctx) => (ctx.summary as (data: unknown) => void)({ count: 1 }) });

describe('analyse', () => {
  it("keeps a rule's run summary as its declared contract parses it; a summary that does not fit, or is not declared, is the rule's error", () => {
    const result = analyse(snapshot(), {}, { rules: [keepsSummary, keepsWrongShape, keepsUndeclared] });
    expect(runSummaryOf(result, kept)).toEqual({ count: 2, note: 'none' });
    const status = Object.fromEntries(result.rules.map((r) => [r.rule, r.status]));
    expect(status).toEqual({ X06: 'ran', X07: 'error', X08: 'error' });
    expect(result.rules.find((r) => r.rule === 'X08')?.reason).toContain('declares no runSummary');
  });

  it('isolates a throwing rule, says why others could not run, and keeps running the rest', () => {
    const result = analyse(snapshot(), {}, { rules, now });
    expect(() => AnalysisResult.parse(result)).not.toThrow();
    const status = Object.fromEntries(result.rules.map((r) => [r.rule, [r.status, r.reason]]));
    expect(status).toEqual({
      X01: ['ran', undefined],
      X02: ['error', 'TypeError: boom'],
      X03: ['could-not-run', 'no rights to read the load script'],
      X04: ['could-not-run', 'no evaluation for this sheet'],
      X05: ['off', undefined],
    });
    expect(result.findings.map((f) => f.target.id).sort()).toEqual(['k1', 'k2']);
    expect(result.summary).toMatchObject({ total: 2, bySeverity: { info: 2 }, rulesRun: 1, rulesCouldNotRun: 2, rulesFailed: 1 });
    expect(result.summary.byCategory.design.info).toBe(2);
    expect(result.analysedAt).toBe('2026-01-02T03:04:05.000Z');
    expect(result.app).toEqual({ id: 'app-A', name: 'Test app' });
  });

  it('applies severity by category then by rule, per app, and options', () => {
    const config = { categories: { design: 'error' as const }, rules: { X01: { options: { minTitleLength: 6 } } }, apps: { 'app-A': { rules: { 'every-object': 'warning' as const } } } };
    const result = analyse(snapshot(), config, { rules: [perObject] });
    expect(result.findings.map((f) => [f.target.id, f.severity])).toEqual([['k2', 'warning']]);
    const otherApp = analyse(app({ id: 'app-B' }).sheet().kpi({ title: 'Margin %' }).build(), config, { rules: [perObject] });
    expect(otherApp.findings[0].severity).toBe('error');
  });

  it('switches rules off by rule and by category, and on when off by default', () => {
    expect(analyse(snapshot(), { rules: { X01: 'off' } }, { rules: [perObject] }).rules[0].status).toBe('off');
    expect(analyse(snapshot(), { categories: { design: 'off' } }, { rules: [perObject] }).findings).toEqual([]);
    expect(analyse(snapshot(), { rules: { X05: { options: {} } } }, { rules: [offByDefault] }).rules[0].status).toBe('ran');
  });

  it('turns invalid options into an error for that rule, and unknown rule keys into config issues', () => {
    const result = analyse(snapshot(), { rules: { X01: { options: { minTitleLength: -1 } }, Z99: 'off' } }, { rules: [perObject] });
    expect(result.rules[0].status).toBe('error');
    expect(result.rules[0].reason).toContain('minTitleLength');
    expect(result.configIssues.map((i) => i.path)).toEqual(['rules.Z99', 'rules.X01.options']);
  });

  it('rejects a malformed configuration with a clear message', () => {
    expect(() => analyse(snapshot(), { rules: { X01: 'loud' } } as never, { rules: [perObject] })).toThrow(/Invalid analysis configuration: rules.X01/);
  });

  it('hides suppressed findings on the next run, until the thing changes', () => {
    const first = analyse(snapshot(), {}, { rules: [perObject] });
    const hide = suppressionFor(first.findings.find((f) => f.target.id === 'k1')!, 'known');
    const second = analyse(snapshot(), { suppressions: [hide] }, { rules: [perObject] });
    expect(second.findings.map((f) => f.target.id)).toEqual(['k2']);
    expect(second.suppressedFindings.map((f) => f.target.id)).toEqual(['k1']);
    expect(second.summary.suppressed).toBe(1);
    expect(second.rules[0]).toMatchObject({ findings: 1, suppressed: 1 });
    const changed = app({ id: 'app-A' }).sheet().kpi({ id: 'k1', title: 'Sales 2' }).build();
    expect(analyse(changed, { suppressions: [hide] }, { rules: [perObject] }).findings.map((f) => f.target.id)).toEqual(['k1']);
  });

  it('gives stable finding ids and never changes the snapshot', () => {
    const s = snapshot();
    const before = JSON.stringify(s);
    const a = analyse(s, {}, { rules });
    const b = analyse(s, {}, { rules });
    expect(a.findings.map((f) => f.id)).toEqual(b.findings.map((f) => f.id));
    expect(JSON.stringify(s)).toBe(before);
  });

  it('runs every registered rule on an empty app without a rule error', () => {
    const result = analyse(app().build());
    expect(result.rules.filter((r) => r.status === 'error')).toEqual([]);
  });
});
