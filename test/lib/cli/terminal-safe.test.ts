// The terminal is not the app's to drive: app content printed by the CLI cannot carry escape
// sequences, control characters or bidirectional overrides (CVE-2021-42574) to the terminal.
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../lib/analyze/result';
import { formatText, toCliOutput } from '../../../lib/cli/output';
import { terminalSafe, terminalSafeLines } from '../../../lib/cli/terminal-safe';
import { minimalSnapshot } from '../snapshot/minimal-snapshot';

describe('terminalSafe', () => {
  it('makes control characters visible and leaves other text alone', () => {
    expect(terminalSafe('Sales \u001b[2J\u001b]0;title\u0007 by\tregion\r\nnext \u009b31m')).toBe('Sales \\x1b[2J\\x1b]0;title\\x07 by\\x09region\\x0d\\x0anext \\x9b31m');
    expect(terminalSafe('abc\u202edcba\u2066x\u2069')).toBe('abc\\u202edcba\\u2066x\\u2069');
    expect(terminalSafe('Umsatz – Größe ∑ 🚀 日本')).toBe('Umsatz – Größe ∑ 🚀 日本');
  });

  it('a document printed to a terminal keeps its lines and loses its control characters', () => {
    expect(terminalSafeLines('| a | b\u001b[8m |\r\n| c | d |\n')).toBe('| a | b\\x1b[8m |\n| c | d |\n');
  });

  it('the text output of a finding on a hostile sheet title has no control character left', () => {
    const hostile = 'Sheet\u001b[1A\u001b[2K\u0007';
    const snapshot = minimalSnapshot();
    const output = toCliOutput({ ...snapshot, app: { ...snapshot.app, name: `App\u001b]0;pwned\u0007` } }, {
      version: 1, app: { id: 'app-1', name: 'x' }, analysedAt: '', durationMs: 1, suppressedFindings: [],
      findings: [{ id: 'f', rule: 'D08', name: 'missing-object-title', severity: 'info', category: 'design', message: `Object on "${hostile}" has no title`, target: { kind: 'sheet', id: 's\u001b1', name: hostile }, contentHash: 'h' }],
      rules: [], summary: { total: 1, bySeverity: { error: 0, warning: 0, info: 1 }, byCategory: {} as AnalysisResult['summary']['byCategory'], suppressed: 0, rulesRun: 1, rulesCouldNotRun: 0, rulesFailed: 0 },
      score: { value: 99, penalty: 0 }, configIssues: [], errors: [],
    });
    const text = formatText(output);
    expect([...text].filter((c) => c !== '\n' && (c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f)))).toEqual([]);
    expect(text).toContain('sheet "Sheet\\x1b[1A\\x1b[2K\\x07" (s\\x1b1)');
  });
});
