// Geometry of the History view's small trend charts: one line over time per measure (score, app
// memory, errors), oldest on the left. Points are placed by time, not by index, so a gap of weeks
// looks like one; a measure missing in some analyses (memory not collected) just skips them.

export interface TrendInput {
  /** epoch ms */
  at: number;
  value: number | undefined;
}

export interface TrendPoint {
  at: number;
  value: number;
  x: number;
  y: number;
}

export interface Trend {
  points: TrendPoint[];
  min: number;
  max: number;
  /** SVG polyline `points` attribute */
  polyline: string;
}

/** Places the known values in a width × height box (y grows downwards; the top is the largest value). */
export function trend(inputs: readonly TrendInput[], width: number, height: number, pad = 3): Trend {
  const known = inputs
    .filter((i): i is { at: number; value: number } => i.value !== undefined && Number.isFinite(i.value) && Number.isFinite(i.at))
    .sort((a, b) => a.at - b.at);
  if (known.length === 0) return { points: [], min: 0, max: 0, polyline: '' };
  const min = Math.min(...known.map((k) => k.value));
  const max = Math.max(...known.map((k) => k.value));
  const first = known[0].at;
  const span = known[known.length - 1].at - first;
  const round = (n: number) => Math.round(n * 10) / 10;
  const points = known.map((k) => ({
    ...k,
    x: round(span === 0 ? width / 2 : pad + ((k.at - first) / span) * (width - 2 * pad)),
    y: round(max === min ? height / 2 : pad + (1 - (k.value - min) / (max - min)) * (height - 2 * pad)),
  }));
  return { points, min, max, polyline: points.map((p) => `${p.x},${p.y}`).join(' ') };
}
