// One finding in full: message, what and where, the expression with the offending part marked,
// why it matters and how to fix it (the rule's own text), and the actions.
import type { Finding, Target } from '../../lib/analyze/result';
import type { ReadyStatement } from '../../lib/report/ready-statement';
import { highlightParts, targetName } from '../../lib/report/findings';
import { isSafeLink, type RuleDoc } from '../../lib/report/rule-docs';
import { Statement } from './Statement';
import { Name } from './Text';
import { CopyButton } from './export/CopyButton';
import { SEVERITY_NAME, TARGET_KIND_LABEL } from './labels';

interface Props {
  finding: Finding;
  rule: RuleDoc | undefined;
  hidden: boolean;
  /** the name a target is shown by (default: its name or id) */
  nameOf?(target: Target): string;
  /** what fixing it gains, in words (a Fix first row) */
  gain?: string | undefined;
  /** a ready statement to paste (R01's DROP FIELDS) */
  statement?: ReadyStatement | undefined;
  canShowInApp(target: Target): boolean;
  onShowInApp?(target: Target): void;
  onSuppress?(finding: Finding): void;
  onUnsuppress?(finding: Finding): void;
}

export function FindingDetails({ finding, rule, hidden, nameOf = targetName, gain, statement, canShowInApp, onShowInApp, onSuppress, onUnsuppress }: Props) {
  const target = finding.target;
  return (
    <section class="qr-details card" aria-labelledby="qr-details-title" data-testid="finding-details">
      <h3 id="qr-details-title" tabIndex={-1}>
        <span class={`chip sev-${finding.severity}`}>{SEVERITY_NAME[finding.severity]}</span> {finding.rule} {finding.name}
      </h3>
      {gain && (
        <p>
          <strong data-testid="details-gain">{gain}</strong>
        </p>
      )}
      <p dir="auto" class="qr-wrap">
        {finding.message}
      </p>
      <dl class="facts">
        <dt>{TARGET_KIND_LABEL[target.kind]}</dt>
        <dd>
          <Name>{nameOf(target)}</Name>{' '}
          <span class="muted qr-small" title="Qlik id">
            (id <code>{target.id}</code>)
          </span>
        </dd>
        {target.sheet && (
          <>
            <dt>Sheet</dt>
            <dd>
              <Name>{target.sheet.name || target.sheet.id}</Name>
            </dd>
          </>
        )}
        <dt>Id</dt>
        <dd>
          <code>{target.id}</code> <CopyButton text={target.id} what={`the id ${target.id}`} />
        </dd>
        {finding.path && (
          <>
            <dt>Property</dt>
            <dd>
              <code>{finding.path}</code> <CopyButton text={finding.path} what="the property path" />
            </dd>
          </>
        )}
      </dl>
      {finding.expression && <HighlightedExpression {...finding.expression} />}
      {statement && <Statement statement={statement} />}
      {rule ? (
        <>
          <h4>Why it matters</h4>
          <p class="qr-wrap">{rule.why.text}</p>
          <h4>How to fix</h4>
          <p class="qr-wrap">{rule.howToFix}</p>
          {rule.why.sources.length > 0 && (
            <>
              <h4>Sources</h4>
              <ul class="qr-sources">
                {rule.why.sources.map((source) => (
                  <li key={source.url}>
                    {isSafeLink(source.url) ? (
                      <a href={source.url} target="_blank" rel="noopener noreferrer">
                        {source.title}
                      </a>
                    ) : (
                      source.title
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <p class="muted">No documentation for rule {finding.rule} in this version of Qlarity.</p>
      )}
      <div class="row" style={{ marginTop: '8px' }}>
        {onShowInApp && canShowInApp(target) && (
          <button type="button" class="primary" onClick={() => onShowInApp(target)}>
            Show in app
          </button>
        )}
        {!hidden && onSuppress && (
          <button type="button" onClick={() => onSuppress(finding)}>
            Hide this finding
          </button>
        )}
        {hidden && onUnsuppress && (
          <button type="button" onClick={() => onUnsuppress(finding)}>
            Unhide
          </button>
        )}
      </div>
    </section>
  );
}

export function HighlightedExpression({ text, from, to }: { text: string; from: number; to: number }) {
  const { before, match, after } = highlightParts(text, from, to);
  return (
    <figure class="qr-expression">
      <figcaption>
        Expression{match ? ' (the problem is marked)' : ''} <CopyButton text={text} what="the expression" />
      </figcaption>
      <pre dir="ltr">
        <code>
          {before}
          {match && <mark>{match}</mark>}
          {after}
        </code>
      </pre>
    </figure>
  );
}
