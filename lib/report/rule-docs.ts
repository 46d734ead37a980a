// The part of a rule's metadata the report shows next to a finding: why it matters, how to fix
// it, and the sources. The side panel passes the registry's rules (lib/rules RULES) in.
import type { OptionField } from '../analyze/option-fields';
import type { RuleMeta } from '../analyze/rule';

export type RuleDoc = Pick<RuleMeta, 'code' | 'name' | 'summary' | 'why' | 'howToFix' | 'category' | 'severity' | 'rollUp'>;

/** What the options page shows of a rule: its severity settings and its options as form fields (lib/analyze/option-fields.ts). */
export type RuleSettingsDoc = Pick<RuleMeta, 'code' | 'name' | 'summary' | 'category' | 'severity' | 'defaultEnabled'> & { options: readonly OptionField[] };

export function ruleDocLookup(rules: readonly RuleDoc[]): (code: string) => RuleDoc | undefined {
  const byCode = new Map(rules.map((r) => [r.code, r]));
  return (code) => byCode.get(code);
}

/** Only http(s) links are rendered as links: a rule source is never a script URL. */
export function isSafeLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
