// The reviewed error-level findings of each corpus app (test/fixtures/corpus-expected/<app>.json):
// `expected` are real errors a Qlik developer would agree with, each with its justification;
// `knownFalse` are false errors the rules still report, each with why it is false, listed so the
// precision test names them instead of hiding them. Any other error-level finding is unreviewed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Finding } from '../../../lib/analyze/result';
import { CORPUS_EXPECTED_DIR } from './corpus-run';

const Match = z.object({
  rule: z.string().regex(/^[A-Z]\d\d$/),
  /** the finding's target id, or "*" for any target */
  target: z.string().min(1),
  /** optional: a piece of the finding's message, when one target has several findings of the rule */
  message: z.string().min(1).optional(),
});

/**
 * Warning-level findings are reviewed per rule and cause, not one by one (R01 alone gives 100+ per
 * app): each entry covers the warnings of `rule` whose message holds `message` (first matching entry
 * wins, so put narrow entries first), says how many there are, and gives the verdict with its reason.
 */
const ReviewedWarning = z.object({
  rule: z.string().regex(/^[A-Z]\d\d$/),
  /** optional: a piece of the message that names the cause */
  message: z.string().min(1).optional(),
  /** how many warnings the entry covers: a different count means the rule changed and needs a new look */
  count: z.number().int().positive(),
  /** true: a real cost a Qlik developer would agree with; debatable: real but a matter of intent; false: the rule is wrong here */
  verdict: z.enum(['true', 'debatable', 'false']),
  why: z.string().min(20),
});
export type ReviewedWarning = z.infer<typeof ReviewedWarning>;

export const ReviewedErrors = z.object({
  expected: z.array(Match.extend({ justification: z.string().min(10) })),
  knownFalse: z.array(Match.extend({ why: z.string().min(10) })),
  warnings: z.array(ReviewedWarning).default([]),
});
export type ReviewedErrors = z.infer<typeof ReviewedErrors>;
type Entry = z.infer<typeof Match>;

export function readReviewedErrors(app: string): ReviewedErrors {
  const path = join(CORPUS_EXPECTED_DIR, `${app}.json`);
  if (!existsSync(path)) return { expected: [], knownFalse: [], warnings: [] };
  const parsed = ReviewedErrors.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.message}`);
  return parsed.data;
}

function matches(entry: Entry, finding: Finding): boolean {
  return entry.rule === finding.rule && (entry.target === '*' || entry.target === finding.target.id) && (!entry.message || finding.message.includes(entry.message));
}

export interface Review {
  expected: Finding[];
  knownFalse: Finding[];
  unreviewed: Finding[];
  /** expected entries no finding matched: a real error the rules no longer report */
  missingExpected: ReviewedErrors['expected'];
  /** known-false entries no finding matched: fixed, the entry can go */
  goneKnownFalse: ReviewedErrors['knownFalse'];
}

export function reviewErrors(findings: readonly Finding[], reviewed: ReviewedErrors): Review {
  const errors = findings.filter((f) => f.severity === 'error');
  const review: Review = { expected: [], knownFalse: [], unreviewed: [], missingExpected: [], goneKnownFalse: [] };
  for (const finding of errors) {
    if (reviewed.expected.some((e) => matches(e, finding))) review.expected.push(finding);
    else if (reviewed.knownFalse.some((e) => matches(e, finding))) review.knownFalse.push(finding);
    else review.unreviewed.push(finding);
  }
  review.missingExpected = reviewed.expected.filter((e) => !errors.some((f) => matches(e, f)));
  review.goneKnownFalse = reviewed.knownFalse.filter((e) => !errors.some((f) => matches(e, f)));
  return review;
}

export interface WarningReview {
  /** each reviewed entry with the warnings it covers now */
  covered: Array<{ entry: ReviewedWarning; findings: Finding[] }>;
  /** warnings no entry covers */
  unreviewed: Finding[];
}

export function reviewWarnings(findings: readonly Finding[], reviewed: ReviewedErrors): WarningReview {
  const covered = reviewed.warnings.map((entry) => ({ entry, findings: [] as Finding[] }));
  const unreviewed: Finding[] = [];
  for (const finding of findings) {
    if (finding.severity !== 'warning') continue;
    const slot = covered.find(({ entry }) => entry.rule === finding.rule && (!entry.message || finding.message.includes(entry.message)));
    if (slot) slot.findings.push(finding);
    else unreviewed.push(finding);
  }
  return { covered, unreviewed };
}
