// A small inline SVG line of one measure over the app's analyses (score, memory, errors), with the
// first and last values in words; the points carry a title for hover and the list below the chart
// is what screen readers read.
import { trend, type TrendInput } from '../../../lib/report/trend';

interface Props {
  title: string;
  inputs: readonly TrendInput[];
  format(value: number): string;
  formatTime(at: number): string;
}

const W = 160;
const H = 36;

export function TrendChart({ title, inputs, format, formatTime }: Props) {
  const t = trend(inputs, W, H);
  const first = t.points[0];
  const last = t.points[t.points.length - 1];
  return (
    <figure class="qx-trend" data-testid="trend-chart">
      <figcaption>{title}</figcaption>
      {t.points.length === 0 ? (
        <p class="muted">Not measured.</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${title}: from ${format(first.value)} to ${format(last.value)}`}>
            {t.points.length > 1 && <polyline points={t.polyline} fill="none" stroke="currentColor" stroke-width="1.5" />}
            {t.points.map((p) => (
              <circle key={p.at} cx={p.x} cy={p.y} r="2.2" fill="currentColor">
                <title>{`${formatTime(p.at)}: ${format(p.value)}`}</title>
              </circle>
            ))}
          </svg>
          <p class="muted qx-trend-range">
            {t.points.length > 1 ? `${format(first.value)} → ${format(last.value)}` : format(last.value)}
          </p>
        </>
      )}
    </figure>
  );
}
