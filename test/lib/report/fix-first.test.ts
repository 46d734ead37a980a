import { describe, expect, it } from 'vitest';
import type { AnalysisResult, Finding } from '../../../lib/analyze/result';
import { fixFirst, fixFirstIds } from '../../../lib/report/fix-first';
import { analysedSalesApp, finding } from './fixtures';

function resultWith(findings: Finding[], rules: AnalysisResult['rules'] = []): AnalysisResult {
  const { result } = analysedSalesApp();
  return { ...result, findings, rules };
}

const r01Run = (totalBytes: number): AnalysisResult['rules'][number] => ({
  rule: 'R01',
  name: 'unused-field',
  category: 'resource',
  severity: 'warning',
  status: 'ran',
  findings: 2,
  suppressed: 0,
  durationMs: 1,
  data: { fieldCount: 2, totalBytes, dropStatement: 'DROP FIELDS [Comment], [Sales];' },
});

describe('fixFirst', () => {
  it('lists what is broken first (by objects broken), then memory, then calculation time, then reload time, each with its gain', () => {
    const brokenTwice = ['a', 'b'].map((id) => finding({ rule: 'Q02', data: { field: 'Gone' }, target: { kind: 'object', id, name: id } }));
    const brokenOnce = finding({ rule: 'Q06', name: 'missing-master-visualization', data: { libraryId: 'm1' } });
    const unused = ['Comment', 'Sales'].map((id) => finding({ rule: 'R01', name: 'unused-field', severity: 'warning', category: 'resource', target: { kind: 'field', id } }));
    const slow = [1200, 4500].map((firstMs) => finding({ rule: 'P01', name: 'slow-object', severity: 'warning', category: 'performance', data: { firstMs, cachedMs: 0 } }));
    const reload = finding({ rule: 'S04', name: 'slow-reload', severity: 'warning', category: 'script', target: { kind: 'reload', id: 'r' }, data: { durationMs: 3_600_000 } });
    const style = finding({ rule: 'D09', severity: 'info', category: 'design' });
    const items = fixFirst(resultWith([style, reload, ...slow, ...unused, brokenOnce, ...brokenTwice], [r01Run(290_000)]));
    expect(items.map((i) => [i.rule, i.gain])).toEqual([
      ['Q02', { kind: 'broken', places: 2 }],
      ['Q06', { kind: 'broken', places: 1 }],
      ['R01', { kind: 'memory', bytes: 290_000, fields: 2 }],
      ['P01', { kind: 'calc-time', ms: 4500 }],
      ['P01', { kind: 'calc-time', ms: 1200 }],
      ['S04', { kind: 'reload-time', ms: 3_600_000 }],
    ]);
    expect(items[0].title).toBe('Field "Gone"');
    expect(items[1].title).toBe(brokenOnce.message);
    expect(items[2].statement).toEqual({ text: 'DROP FIELDS [Comment], [Sales];' });
    expect(fixFirstIds(items).has(style.id)).toBe(false);
    // every listed occurrence appears once
    const ids = items.flatMap((i) => i.findings.map((f) => f.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('titles a group without a cause of its own by its rule summary', () => {
    const broken = ['a', 'b'].map((id) => finding({ rule: 'Q11', message: `Object "${id}" fails`, target: { kind: 'object', id } }));
    expect(fixFirst(resultWith(broken), { ruleSummary: (code) => (code === 'Q11' ? 'An object whose layout reports a calculation error.' : undefined) })[0].title).toBe(
      'An object whose layout reports a calculation error.',
    );
  });

  it('does not count a slow sheet again when its slow objects are listed', () => {
    const object = finding({ rule: 'P01', severity: 'warning', category: 'performance', target: { kind: 'object', id: 'o1' }, data: { firstMs: 9000 } });
    const coveredSheet = finding({ rule: 'P02', severity: 'warning', category: 'performance', target: { kind: 'sheet', id: 's1' }, data: { totalMs: 9500, slowest: [{ objectId: 'o1', firstMs: 9000 }] } });
    const otherSheet = finding({ rule: 'P02', severity: 'warning', category: 'performance', target: { kind: 'sheet', id: 's2' }, data: { totalMs: 7000, slowest: [{ objectId: 'o7', firstMs: 800 }] } });
    expect(fixFirst(resultWith([object, coveredSheet, otherSheet])).map((i) => i.findings[0].id)).toEqual([object.id, otherSheet.id]);
  });

  it('ranks an object the app evaluation lists as slow by its response time', () => {
    const evaluated = finding({ rule: 'P01', severity: 'warning', category: 'performance', target: { kind: 'object', id: 'o2' }, data: { responseTimeSeconds: 2.5, source: 'evaluation', cached: false } });
    const timed = finding({ rule: 'P01', severity: 'warning', category: 'performance', target: { kind: 'object', id: 'o3' }, data: { firstMs: 1800, source: 'timings' } });
    expect(fixFirst(resultWith([timed, evaluated])).map((i) => [i.findings[0].id, i.gain])).toEqual([
      [evaluated.id, { kind: 'calc-time', ms: 2500 }],
      [timed.id, { kind: 'calc-time', ms: 1800 }],
    ]);
  });

  it("keeps R01's BINARY caveat with its DROP FIELDS statement", () => {
    const unused = finding({ rule: 'R01', name: 'unused-field', severity: 'warning', category: 'resource', target: { kind: 'field', id: 'Comment' } });
    const run = r01Run(250_000);
    const warning = 'The script starts with a BINARY load: DROP FIELDS after BINARY does not release all the memory.';
    const [item] = fixFirst(resultWith([unused], [{ ...run, data: { ...run.data, warning } }]));
    expect(item.statement).toEqual({ text: 'DROP FIELDS [Comment], [Sales];', warning });
  });

  it('is empty when nothing is broken and no cost was measured', () => {
    expect(fixFirst(resultWith([finding({ rule: 'D04', severity: 'info', category: 'design' })], [r01Run(0)]))).toEqual([]);
  });

  it('works on a real analysis: the broken KPI comes first and the unused fields carry their memory', () => {
    const { result } = analysedSalesApp();
    const items = fixFirst(result);
    expect(items[0].gain.kind).toBe('broken');
    expect(items.some((i) => i.gain.kind === 'memory' && i.statement?.text.startsWith('DROP FIELD'))).toBe(true);
    expect(items.some((i) => i.gain.kind === 'calc-time')).toBe(true);
  });
});

describe('describeGain', () => {
  it('states each gain in words with the locale', async () => {
    const { describeGain } = await import('../../../lib/report/gain');
    const { createFormatter } = await import('../../../lib/report/format');
    const fmt = createFormatter('en-US');
    expect(describeGain({ kind: 'broken', places: 12 }, fmt)).toBe('Fixes 12 broken items');
    expect(describeGain({ kind: 'broken', places: 1 }, fmt)).toBe('Fixes 1 broken item');
    expect(describeGain({ kind: 'memory', bytes: 1_572_864, fields: 3 }, fmt)).toBe('Frees 1.5 MiB of RAM');
    expect(describeGain({ kind: 'calc-time', ms: 4500 }, fmt)).toBe('Saves up to 4.5 s');
    expect(describeGain({ kind: 'reload-time', ms: 3_600_000 }, fmt)).toBe('Reload takes 60 min 0 s');
  });
});
