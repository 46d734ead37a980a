// The popup's top findings: the first rows of Fix first, each with its estimated gain and a way
// to the first place it occurs.
import { describeGain } from '../lib/report/gain';
import type { Formatter } from '../lib/report/format';
import type { ReportFinding, TopFinding } from '../lib/report/report-schema';
import { SEVERITY_NAME } from '../lib/report/labels';
import { canShowInApp } from './format';

interface Props {
  items: readonly TopFinding[];
  fmt: Formatter;
  onShow?(finding: ReportFinding): void;
}

export function TopFindingList({ items, fmt, onShow }: Props) {
  return (
    <ol class="top-findings" data-testid="top-findings">
      {items.map((item) => (
        <li key={item.key} class="top-finding" data-testid="finding" data-severity={item.severity}>
          <div class="row top-line">
            <span class={`chip sev-${item.severity}`}>{SEVERITY_NAME[item.severity]}</span>
            <span class="gain" data-testid="gain">
              {describeGain(item.gain, fmt)}
            </span>
            {onShow && canShowInApp(item.first) && (
              <button class="link push-end" onClick={() => onShow(item.first)}>
                Show in app<span class="visually-hidden">: {item.firstName ?? item.title}</span>
              </button>
            )}
          </div>
          <div class="clamp-2 small" title={item.title}>
            <bdi dir="auto">{item.title}</bdi>
            {item.count > 1 && <span class="muted"> · {fmt.number(item.count)} places</span>}
          </div>
        </li>
      ))}
    </ol>
  );
}
