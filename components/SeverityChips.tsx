import { SEVERITIES, type SeverityCounts } from '@/lib/protocol/report';
import { SEVERITY_LABEL } from './format';

export function SeverityChips({ counts }: { counts: SeverityCounts }) {
  return (
    <ul class="chips" aria-label="Findings by severity" data-testid="severity-counts">
      {SEVERITIES.map((severity) => (
        <li key={severity} class={`chip sev-${severity}`} data-severity={severity}>
          {SEVERITY_LABEL[severity]}: {counts[severity]}
        </li>
      ))}
    </ul>
  );
}
