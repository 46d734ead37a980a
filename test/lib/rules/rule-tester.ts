// A table of cases per rule, as ESLint's RuleTester: `valid` apps must produce no finding of the
// rule, `invalid` apps must produce exactly the findings listed. Each case becomes one test.
import { describe, expect, it } from 'vitest';
import type { RuleRunStatus, Target } from '../../../lib/analyze/result';
import type { AnyRule } from '../../../lib/analyze/rule';
import type { AppSnapshot } from '../../../lib/snapshot/schema';
import { runRule, type RuleOutcome } from './run-rule';

interface Case {
  /** the test's name: what the case shows */
  name: string;
  app: AppSnapshot;
  /** the rule's options, as a user sets them in the configuration */
  options?: Record<string, unknown>;
  /** the run's status, when it matters (default: not checked) */
  status?: RuleRunStatus;
}

/** One expected finding: every field given must match. */
export interface ExpectedFinding {
  target?: Partial<Target>;
  /** the whole message, or a part of it (RegExp) */
  message?: string | RegExp;
  /** a part of the message */
  messageContains?: string;
}

export interface InvalidCase extends Case {
  /** each finding as `<rule> <target kind>:<target id> <message>` (RuleOutcome.found), in order */
  found?: string[];
  /** the findings in order, each checked on the fields given; their number must match */
  findings?: ExpectedFinding[];
}

export interface RuleCases {
  valid?: Case[];
  invalid?: InvalidCase[];
}

function expectFinding(outcome: RuleOutcome, index: number, expected: ExpectedFinding): void {
  const finding = outcome.findings[index];
  if (expected.target) expect(finding.target).toMatchObject(expected.target);
  if (typeof expected.message === 'string') expect(finding.message).toBe(expected.message);
  else if (expected.message) expect(finding.message).toMatch(expected.message);
  if (expected.messageContains) expect(finding.message).toContain(expected.messageContains);
}

/** Declares a `describe` block named after the rule with one test per case. */
export function testRule(rule: AnyRule, cases: RuleCases): void {
  describe(`${rule.code} ${rule.name}`, () => {
    for (const c of cases.valid ?? []) {
      it(`valid: ${c.name}`, () => {
        const outcome = runRule(rule, c.app, c.options);
        expect(outcome.found).toEqual([]);
        if (c.status) expect(outcome.run.status).toBe(c.status);
      });
    }
    for (const c of cases.invalid ?? []) {
      it(`invalid: ${c.name}`, () => {
        if (!c.found && !c.findings) throw new Error(`invalid case "${c.name}" lists no expected finding`);
        const outcome = runRule(rule, c.app, c.options);
        if (c.found) expect(outcome.found).toEqual(c.found);
        if (c.findings) {
          expect(outcome.findings).toHaveLength(c.findings.length);
          c.findings.forEach((expected, i) => expectFinding(outcome, i, expected));
        }
        if (c.status) expect(outcome.run.status).toBe(c.status);
      });
    }
  });
}
