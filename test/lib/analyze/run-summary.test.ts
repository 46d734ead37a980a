import { describe, expect, it } from 'vitest';
import { z } from '../../../lib/schema/zod';
import type { RuleRun } from '../../../lib/analyze/result';
import { defineRunSummary, keepValidRunSummaries, runSummaryOf } from '../../../lib/analyze/run-summary';
import { withValidRunSummaries } from '../../../lib/rules/run-summaries';

const totals = defineRunSummary('X01', z.object({ count: z.number().check(z.int()), statement: z.optional(z.string()) }));
const run = (rule: string, data?: Record<string, unknown>): RuleRun => ({
  rule,
  name: 'test',
  category: 'design',
  severity: 'info',
  status: 'ran',
  findings: 0,
  suppressed: 0,
  durationMs: 1,
  ...(data ? { data } : {}),
});

describe('run summaries', () => {
  it("reads a rule's summary typed by its contract, undefined when absent or of another shape", () => {
    expect(runSummaryOf({ rules: [run('X01', { count: 3, statement: 'DROP FIELDS [A];' })] }, totals)).toEqual({ count: 3, statement: 'DROP FIELDS [A];' });
    expect(runSummaryOf({ rules: [run('X01')] }, totals)).toBeUndefined();
    expect(runSummaryOf({ rules: [run('X01', { count: 'three' })] }, totals)).toBeUndefined();
    expect(runSummaryOf({ rules: [run('X02', { count: 3 })] }, totals)).toBeUndefined();
  });

  it('checks a read-back result: strips fields a contract no longer has, drops a summary that does not fit or has no contract, keeps the rest', () => {
    const checked = keepValidRunSummaries(
      { rules: [run('X01', { count: 3, retired: 'x' }), run('X02', { count: 1 }), run('X03')] },
      [totals],
    );
    expect(checked.rules.map((r) => r.data)).toEqual([{ count: 3 }, undefined, undefined]);
    expect(checked.rules.map((r) => r.rule)).toEqual(['X01', 'X02', 'X03']);
    expect(keepValidRunSummaries({ rules: [run('X01', { count: 1.5 })] }, [totals]).rules[0]).toEqual(run('X01'));
  });

  it("opens R01's summary as results stored before its DROP FIELDS for all fields was removed kept it", () => {
    const stored = {
      fieldCount: 2,
      totalBytes: 300,
      highConfidenceBytes: 100,
      dropStatement: 'DROP FIELDS [A];',
      dropStatementAll: 'DROP FIELDS [A], [B];',
      warning: 'The script starts with a BINARY load …',
      undecided: [{ field: 'C', tables: ['T'], expression: 'Sum($(v(C)))', why: 'a variable with parameters', where: { kind: 'object', id: 'k1', name: 'Totals' } }],
    };
    const { dropStatementAll: _retired, ...kept } = stored;
    expect(withValidRunSummaries({ rules: [run('R01', stored)] }).rules[0].data).toEqual(kept);
  });
});
