// Suppressions: a finding the user hides stays hidden on later runs. The key is the rule, a
// stable target key and the finding's content hash, so when the thing changes (another
// expression, another value) the finding comes back.
import { z } from '../schema/zod';
import type { Finding, Target } from './result';

export const Suppression = z.object({
  /** rule code */
  rule: z.string(),
  /** `targetKey(finding.target)` */
  target: z.string(),
  contentHash: z.string(),
  note: z.optional(z.string()),
  createdAt: z.optional(z.string()),
});
export type Suppression = z.infer<typeof Suppression>;

export const targetKey = (target: Target): string => `${target.kind}:${target.id}`;

const suppressionKey = (rule: string, target: string, contentHash: string) => `${rule}\u0000${target}\u0000${contentHash}`;

export function suppressionFor(finding: Finding, note?: string, createdAt?: string): Suppression {
  return { rule: finding.rule, target: targetKey(finding.target), contentHash: finding.contentHash, note, createdAt };
}

export function splitSuppressed(findings: Finding[], suppressions: readonly Suppression[]): { shown: Finding[]; hidden: Finding[] } {
  if (suppressions.length === 0) return { shown: findings, hidden: [] };
  const keys = new Set(suppressions.map((s) => suppressionKey(s.rule, s.target, s.contentHash)));
  const shown: Finding[] = [];
  const hidden: Finding[] = [];
  for (const f of findings) {
    (keys.has(suppressionKey(f.rule, targetKey(f.target), f.contentHash)) ? hidden : shown).push(f);
  }
  return { shown, hidden };
}
