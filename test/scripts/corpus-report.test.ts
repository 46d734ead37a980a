import { describe, expect, it } from 'vitest';
import type { AnalysisResult, Finding } from '../../lib/analyze/result';
import type { AppSnapshot } from '../../lib/snapshot/schema';
import { formatAppReport } from '../../scripts/corpus-report';
import { reviewErrors, reviewWarnings } from '../lib/rules/corpus-expected';

const finding = (rule: string, severity: Finding['severity'], id: string, message: string): Finding =>
  ({ id: `${rule}-${id}`, rule, name: rule.toLowerCase(), severity, category: 'quality', message, target: { kind: 'object', id, name: `Chart ${id}`, sheet: { id: 's1', name: 'Overview' } }, contentHash: 'h' }) as Finding;

const findings = [finding('Q02', 'error', 'a', 'Field "X" does not exist'), finding('Q10', 'error', 'b', "Variable 'v' is not defined"), finding('D04', 'warning', 'c', 'no description'), finding('D04', 'warning', 'd', 'no description'), finding('D09', 'info', 'e', 'hard-coded colour')];
const result = {
  findings,
  rules: [
    { rule: 'Q02', name: 'unknown-field', status: 'ran' },
    { rule: 'Q10', name: 'undefined-variable', status: 'ran' },
    { rule: 'D04', name: 'missing-master-item-description', status: 'ran' },
    { rule: 'P01', name: 'slow-object', status: 'could-not-run' },
  ],
} as unknown as AnalysisResult;

describe('corpus report of one app', () => {
  it('counts findings per rule and severity and lists every error with its target and review status', () => {
    const review = reviewErrors(findings, { expected: [{ rule: 'Q10', target: 'b', justification: 'v is defined nowhere in the app' }], knownFalse: [], warnings: [] });
    const text = formatAppReport({ app: 'demo', title: 'Demo', notes: [], snapshot: {} as AppSnapshot, result }, review, reviewWarnings(findings, { expected: [], knownFalse: [], warnings: [] })).join('\n');
    expect(text).toContain('== demo ("Demo"): 5 findings: 2 error, 2 warning, 1 info');
    expect(text).toMatch(/Q02\s+1\s+0\s+0\s+unknown-field/);
    expect(text).toMatch(/D04\s+0\s+2\s+0\s+missing-master-item-description/);
    expect(text).toContain('rules that could not run: P01');
    expect(text).toContain('error-level findings: 2 (1 reviewed real, 0 known false, 1 NOT REVIEWED)');
    expect(text).toContain('[NOT REVIEWED] Q02 object a "Chart a" on sheet "Overview": Field "X" does not exist');
    expect(text).toContain(`[real] Q10 object b "Chart b" on sheet "Overview": Variable 'v' is not defined`);
  });

  it('summarises the warnings per reviewed rule and cause, flags a changed count, and lists the unreviewed ones', () => {
    const reviewed = { expected: [], knownFalse: [], warnings: [{ rule: 'D04', count: 1, verdict: 'true' as const, why: 'no description on either master item' }] };
    const text = formatAppReport({ app: 'demo', title: 'Demo', notes: [], snapshot: {} as AppSnapshot, result }, reviewErrors(findings, reviewed), reviewWarnings(findings, reviewed)).join('\n');
    expect(text).toContain('warning-level findings: 2 (2 covered by reviewed rule and cause, 0 NOT REVIEWED, 1 reviewed count(s) changed)');
    expect(text).toContain('[true] D04 (2, reviewed 1: CHANGED)');
    const none = { expected: [], knownFalse: [], warnings: [] };
    const unreviewed = formatAppReport({ app: 'demo', title: 'Demo', notes: [], snapshot: {} as AppSnapshot, result }, reviewErrors(findings, none), reviewWarnings(findings, none)).join('\n');
    expect(unreviewed).toContain('[NOT REVIEWED] D04 object c "Chart c" on sheet "Overview": no description');
    expect(unreviewed).toContain('warning-level findings: 2 (0 covered by reviewed rule and cause, 2 NOT REVIEWED, 0 reviewed count(s) changed)');
    // covered warnings are listed only on request (--warnings), without the tag
    expect(text).not.toContain('D04 object c');
    const all = formatAppReport({ app: 'demo', title: 'Demo', notes: [], snapshot: {} as AppSnapshot, result }, reviewErrors(findings, reviewed), reviewWarnings(findings, reviewed), { warnings: true }).join('\n');
    expect(all).toContain('\n    D04 object c "Chart c" on sheet "Overview": no description');
    expect(all).not.toContain('[NOT REVIEWED] D04');
  });
});
