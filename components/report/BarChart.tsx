// A horizontal bar chart: HTML labels (so names wrap and keep their direction) and one SVG bar each.
import { barChart, type BarInput } from '../../lib/report/charts';
import { Name } from './Text';

interface Props {
  title: string;
  items: readonly BarInput[];
  format(value: number): string;
  limit?: number;
  /** said instead of an empty chart */
  empty: string;
}

export function BarChart({ title, items, format, limit = 10, empty }: Props) {
  const { bars } = barChart(items, { limit });
  return (
    <figure class="qr-chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <ol class="qr-bars">
          {bars.map((bar, i) => (
            <li key={`${bar.key ?? bar.label}-${i}`}>
              <div class="qr-bar-label">
                <Name>{bar.label}</Name>
                <span class="qr-num">{format(bar.value)}</span>
              </div>
              <svg class="qr-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect x="0" y="0" width={bar.length} height="6" rx="1" />
              </svg>
            </li>
          ))}
        </ol>
      )}
    </figure>
  );
}
