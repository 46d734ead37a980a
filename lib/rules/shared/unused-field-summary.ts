// What rule R01 (unused-field) keeps on its run for the views: the totals of the unused fields,
// the DROP FIELDS statement of the high-confidence ones, the caveat of a BINARY load, and the
// fields it could not decide about; and what each of its findings carries (`data`, read with
// `unusedFieldConfidenceOf`). Apart from the rule so the views read it without bundling it.
import { z } from '../../schema/zod';
import { Target, type Finding } from '../../analyze/result';
import { defineRunSummary } from '../../analyze/run-summary';

/** A field R01 could not decide about: an expression that could not be fully read names it (never a finding, never dropped). */
export const UndecidedField = z.object({
  field: z.string(),
  tables: z.array(z.string()),
  byteSize: z.optional(z.number()),
  expression: z.string(),
  why: z.string(),
  where: Target,
  path: z.optional(z.string()),
});
export type UndecidedField = z.infer<typeof UndecidedField>;

export const UNUSED_FIELD_SUMMARY = defineRunSummary(
  'R01',
  z.object({
    fieldCount: z.number().check(z.int(), z.nonnegative()),
    /** bytes of all the unused fields (those without a known size count 0) */
    totalBytes: z.number().check(z.nonnegative()),
    /** absent in results saved before it was kept */
    highConfidenceBytes: z.optional(z.number().check(z.nonnegative())),
    /** DROP FIELDS for the high-confidence fields only: the medium ones are to be checked first */
    dropStatement: z.optional(z.string()),
    /** the script starts with a BINARY load: DROP FIELDS does not release all the memory */
    warning: z.optional(z.string()),
    undecided: z.optional(z.array(UndecidedField)),
  }),
);
export type UnusedFieldSummary = z.output<typeof UNUSED_FIELD_SUMMARY.schema>;

/** How sure R01 is that a field is unused: medium when a name may hide in text it could not read. */
export const UnusedFieldConfidence = z.enum(['high', 'medium']);
export type UnusedFieldConfidence = z.infer<typeof UnusedFieldConfidence>;

/** The `data` of each R01 finding (lib/rules/resource/unused-field.ts). */
export const UnusedFieldData = z.object({
  confidence: UnusedFieldConfidence,
  reason: z.string(),
  byteSize: z.optional(z.number()),
  tables: z.array(z.string()),
});
export type UnusedFieldData = z.infer<typeof UnusedFieldData>;

const ConfidenceOnly = z.looseObject({ confidence: UnusedFieldConfidence });

/** The confidence of an R01 finding, or undefined when its data holds none (another rule's finding, a damaged import). */
export function unusedFieldConfidenceOf(finding: Pick<Finding, 'data'>): UnusedFieldConfidence | undefined {
  const parsed = ConfidenceOnly.safeParse(finding.data);
  return parsed.success ? parsed.data.confidence : undefined;
}
