// Diagnostics are plain data (they cross worker/page boundaries and go into AnalysisResult); the zod
// schema is for those boundaries, the parser itself builds plain objects.
import { z } from '../schema/zod';

export const DiagnosticCodeSchema = z.enum([
  'syntax',
  'unknown-function',
  'argument-count',
  'qualifier-not-allowed',
  'undefined-variable',
  'recursive-variable',
  'unbalanced-dollar',
  'expansion-too-deep',
]);
export type DiagnosticCode = z.infer<typeof DiagnosticCodeSchema>;

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

export const DiagnosticSchema = z.object({
  code: DiagnosticCodeSchema,
  /** in the words people expect: "Expected ')' but found ','" */
  message: z.string(),
  /** offsets in the ORIGINAL text (before dollar expansion) */
  from: z.number().check(z.int(), z.nonnegative()),
  to: z.number().check(z.int(), z.nonnegative()),
  severity: SeveritySchema,
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;
