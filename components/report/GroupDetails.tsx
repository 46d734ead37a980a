// A group of findings in full: what they share, what fixing it gains, the rule's why and how to
// fix, and a ready statement to copy (R01's DROP FIELDS). Each place is a row of its own in the
// list (open the group), where it has its own Show in app and Hide.
import { describeGain } from '../../lib/report/gain';
import type { Formatter } from '../../lib/report/format';
import type { RuleDoc } from '../../lib/report/rule-docs';
import type { SectionRow } from '../../lib/report/sections';
import { SEVERITY_NAME } from './labels';
import { Statement } from './Statement';
import { Name } from './Text';

interface Props {
  group: Extract<SectionRow, { type: 'group' }>;
  rule: RuleDoc | undefined;
  fmt: Formatter;
}

export function GroupDetails({ group, rule, fmt }: Props) {
  return (
    <section class="qr-details card" aria-labelledby="qr-details-title" data-testid="group-details">
      <h3 id="qr-details-title" tabIndex={-1}>
        <span class={`chip sev-${group.severity}`}>{SEVERITY_NAME[group.severity]}</span> {group.rule} {group.name}
      </h3>
      <p class="qr-wrap">
        <Name>{group.label}</Name>
      </p>
      <p>
        {group.gain && <strong>{describeGain(group.gain, fmt)}. </strong>}
        {fmt.number(group.findings.length)} {group.findings.length === 1 ? 'place' : 'places'}: {group.expanded ? 'each is listed under the row above.' : 'open the row to list each place.'}
      </p>
      {group.statement && <Statement statement={group.statement} />}
      {rule && (
        <>
          <h4>Why it matters</h4>
          <p class="qr-wrap">{rule.why.text}</p>
          <h4>How to fix</h4>
          <p class="qr-wrap">{rule.howToFix}</p>
        </>
      )}
    </section>
  );
}
