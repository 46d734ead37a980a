import { SEVERITIES } from '../lib/analyze/severity-order';
import type { SeverityCounts } from '../lib/report/report-schema';
import type { Formatter } from '../lib/report/format';
import { SEVERITY_PLURAL } from '../lib/report/labels';

export function SeverityChips({ counts, fmt }: { counts: SeverityCounts; fmt?: Formatter }) {
  return (
    <ul class="chips" aria-label="Findings by severity" data-testid="severity-counts">
      {SEVERITIES.map((severity) => (
        <li key={severity} class={`chip sev-${severity}`} data-severity={severity}>
          {SEVERITY_PLURAL[severity]}: {fmt ? fmt.number(counts[severity]) : counts[severity]}
        </li>
      ))}
    </ul>
  );
}
