// Baselines: the fingerprints (lib/export/fingerprint.ts) of the findings a team has accepted, so a
// CI gate fails only on new ones. A baseline file is what `--update-baseline` writes; a saved
// `--format json` result (the JSON export) works as a baseline too: its findings carry their
// fingerprints. Pure: values in, values out.
import { z } from 'zod';
import { Severity } from '../analyze/severity';
import { compareText } from '../analyze/finding-order';
import type { CliFinding, CliOutput } from './output';

const BASELINE_VERSION = 1;

const BaselineEntry = z.object({
  fingerprint: z.string(),
  rule: z.string(),
  /** for the reader of the file: what the finding was about */
  target: z.string(),
  message: z.string(),
});

export const Baseline = z.object({
  qlarityBaseline: z.literal(BASELINE_VERSION),
  app: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  findings: z.array(BaselineEntry),
});
export type Baseline = z.infer<typeof Baseline>;

/** A saved JSON result (lib/export JSON export), as far as a baseline reads it. */
const SavedResult = z.object({
  schemaVersion: z.number(),
  app: z.object({ id: z.string(), name: z.string() }),
  findings: z.array(z.looseObject({ fingerprint: z.string(), rule: z.string(), severity: Severity, message: z.string() })),
});

const targetText = (f: CliFinding): string => `${f.target.kind} ${f.target.id}${f.target.name ? ` "${f.target.name}"` : ''}`;

export function baselineFrom(output: Pick<CliOutput, 'app' | 'findings'>, createdAt: string): Baseline {
  const seen = new Set<string>();
  const findings = output.findings
    .filter((f) => !seen.has(f.fingerprint) && seen.add(f.fingerprint))
    .map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, target: targetText(f), message: f.message }))
    .sort((a, b) => compareText(a.rule, b.rule) || compareText(a.fingerprint, b.fingerprint));
  return { qlarityBaseline: BASELINE_VERSION, app: { ...output.app }, createdAt, findings };
}

/** The fingerprints of a baseline file or of a saved JSON result; a clear error for anything else. */
export function readFingerprints(value: unknown, file: string): Set<string> {
  const baseline = Baseline.safeParse(value);
  if (baseline.success) return new Set(baseline.data.findings.map((f) => f.fingerprint));
  const saved = SavedResult.safeParse(value);
  if (saved.success) return new Set(saved.data.findings.map((f) => f.fingerprint));
  throw new Error(`${file}: not a Qlarity baseline (written by --update-baseline) nor a --format json result with fingerprints`);
}

/** Findings whose fingerprints the baseline does not hold. */
export function newFindings<F extends { fingerprint: string }>(findings: readonly F[], baseline: ReadonlySet<string>): F[] {
  return findings.filter((f) => !baseline.has(f.fingerprint));
}
