// A list of findings: severity, rule, message, what it is about, and "Show in app" where possible.
import type { ReportFinding } from '../lib/report/report-schema';
import { SEVERITY_NAME } from '../lib/report/labels';
import { canShowInApp, targetLabel } from './format';

interface Props {
  findings: readonly ReportFinding[];
  onShow?(finding: ReportFinding): void;
  /** how many to show before "and N more" (default: all) */
  limit?: number;
}

export function FindingList({ findings, onShow, limit }: Props) {
  const shown = limit === undefined ? findings : findings.slice(0, limit);
  const hidden = findings.length - shown.length;
  return (
    <>
      <ul class="findings" data-testid="findings">
        {shown.map((finding) => (
          <li key={finding.id} class="finding" data-testid="finding" data-severity={finding.severity}>
            <div class="row">
              <span class={`chip sev-${finding.severity}`}>{SEVERITY_NAME[finding.severity]}</span>
              <span class="code">
                {finding.ruleCode} {finding.ruleName}
              </span>
            </div>
            <div>
              <bdi dir="auto">{finding.message}</bdi>
            </div>
            <div class="row spread">
              <span class="muted">
                <bdi dir="auto">{targetLabel(finding)}</bdi>
              </span>
              {onShow && canShowInApp(finding) && (
                <button class="link" onClick={() => onShow(finding)}>
                  Show in app<span class="visually-hidden">: {finding.message}</span>
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {hidden > 0 && <p class="muted">…and {hidden} more.</p>}
    </>
  );
}
