import { describe, expect, it } from 'vitest';
import { describeEngineError } from '../../../lib/analyze/engine-errors';
import { causeOf, distinctTargets, groupFindings, messagePattern, normaliseExpression } from '../../../lib/report/groups';
import { finding } from './fixtures';

const q02 = (field: string, text: string, objectId: string) =>
  finding({ rule: 'Q02', name: 'unknown-field', data: { field }, expression: { text, from: 0, to: 1 }, target: { kind: 'object', id: objectId, name: objectId } });

describe('causeOf', () => {
  it('takes the field, label or master item a finding names as its cause', () => {
    expect(causeOf(q02('ReloadID', 'Count(ReloadID)', 'a'))).toEqual({ key: 'field:ReloadID', label: 'Field "ReloadID"' });
    expect(causeOf(finding({ rule: 'Q06', data: { libraryId: 'xyz' } })).label).toBe('Master item "xyz"');
  });

  it("groups the engine's message, then the normalised expression, then the message's pattern", () => {
    expect(causeOf(finding({ rule: 'Q01', data: { engineMessage: 'Error in expression: InObject is not a valid function' } })).key).toBe(
      'message:Error in expression: InObject is not a valid function',
    );
    const a = causeOf(finding({ rule: 'P07', expression: { text: '= DataConnectionName\r\n', from: 0, to: 3 } }));
    const b = causeOf(finding({ rule: 'P07', expression: { text: '=DataConnectionName', from: 0, to: 3 } }));
    expect(a).toEqual(b);
    const a1 = causeOf(finding({ rule: 'D04', message: 'Master measure "API Reloads" has no description.' }));
    const a2 = causeOf(finding({ rule: 'D04', message: 'Master measure "Sales" has no description.' }));
    expect(a1).toEqual(a2);
    expect(a1.label).toBe('');
    expect(causeOf(finding({ rule: 'Q11', data: { code: 7005, context: 'x' } }))).toEqual({ key: 'code:7005', label: describeEngineError(7005) });
  });

  it('makes a rolled-up rule one cause', () => {
    expect(causeOf(q02('A', 'x', 'o'), true)).toEqual(causeOf(q02('B', 'y', 'p'), true));
  });
});

describe('groupFindings', () => {
  it('makes one row per rule and cause, with every occurrence kept, errors and larger groups first', () => {
    const findings = [
      q02('ReloadID', 'Count(ReloadID)', 'a'),
      finding({ rule: 'D09', name: 'hard-coded-colour', severity: 'info', category: 'design', expression: { text: 'RGB(1,2,3)', from: 0, to: 3 } }),
      q02('ReloadID', 'Sum(ReloadID)', 'b'),
      q02('Other', 'Sum(Other)', 'b'),
      q02('ReloadID', 'Max(ReloadID)', 'c'),
    ];
    const groups = groupFindings(findings);
    expect(groups.map((g) => [g.rule, g.cause.label, g.findings.length])).toEqual([
      ['Q02', 'Field "ReloadID"', 3],
      ['Q02', 'Field "Other"', 1],
      ['D09', 'RGB(1,2,3)', 1],
    ]);
    expect(groups.flatMap((g) => g.findings).sort((x, y) => x.id.localeCompare(y.id))).toEqual([...findings].sort((x, y) => x.id.localeCompare(y.id)));
  });

  it('rolls a style rule up into one row, and takes the worst severity of a group', () => {
    const colours = Array.from({ length: 400 }, (_, i) => finding({ rule: 'D09', severity: 'info', category: 'design', expression: { text: `RGB(${i},0,0)`, from: 0, to: 3 } }));
    const groups = groupFindings([...colours, finding({ rule: 'D09', severity: 'warning', category: 'design', expression: { text: 'RGB(1,1,1)', from: 0, to: 3 } })], {
      rollUp: (rule) => rule === 'D09',
    });
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ rule: 'D09', severity: 'warning' });
    expect(groups[0].findings).toHaveLength(401);
  });
});

describe('helpers', () => {
  it('normalises expressions and message patterns, and counts distinct targets', () => {
    expect(normaliseExpression('  =  Sum(\n  Sales )')).toBe('Sum( Sales )');
    expect(messagePattern('Sheet "Sales" has 42 objects (threshold 30).')).toBe('Sheet "…" has # objects (threshold #).');
    // sizes in any binary unit, durations and percentages blank with their unit; a word after a number stays
    const unused = (size: string) => messagePattern(`Field "X" (table T) is not used anywhere in the app; dropping it frees about ${size}. Confidence high.`);
    expect(unused('512 B')).toBe(unused('1.5 KiB'));
    expect(unused('150 MiB')).toBe(unused('2.0 GiB'));
    expect(messagePattern('Object "K" takes 850 ms, 2.3 s on sheet open, 25 % of the total.')).toBe('Object "…" takes #, # on sheet open, # of the total.');
    expect(messagePattern('12 sheets and 3 hours')).toBe('# sheets and # hours');
    expect(distinctTargets([q02('A', 'x', 'o'), q02('B', 'y', 'o'), q02('A', 'x', 'p')])).toBe(2);
  });
});
