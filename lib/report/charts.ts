// Geometry of horizontal bar charts: one bar per item, scaled to the largest. The view draws each
// bar as a small SVG rect next to its HTML label, so long or right-to-left labels wrap as text.

export interface BarInput {
  label: string;
  value: number;
  /** what the bar stands for, passed through (an object id, a table name) */
  key?: string;
}

export interface Bar extends BarInput {
  /** share of the largest value, 0..1 */
  ratio: number;
  /** bar length in the chart's units (0..width); at least 1 for a non-zero value so it stays visible */
  length: number;
}

export interface BarChartOptions {
  /** the chart's width in its own units (default 100: a percentage) */
  width?: number;
  /** at most this many bars, the largest first (default all) */
  limit?: number;
}

/** Largest first (stable for ties); negative and non-finite values are left out. */
export function barChart(items: readonly BarInput[], { width = 100, limit }: BarChartOptions = {}): { bars: Bar[]; max: number } {
  const sorted = items
    .filter((item) => Number.isFinite(item.value) && item.value >= 0)
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.value - a.item.value || a.index - b.index)
    .slice(0, limit ?? items.length)
    .map(({ item }) => item);
  const max = sorted.reduce((m, item) => Math.max(m, item.value), 0);
  const bars = sorted.map((item) => {
    const ratio = max === 0 ? 0 : item.value / max;
    return { ...item, ratio, length: item.value > 0 ? Math.max(1, ratio * width) : 0 };
  });
  return { bars, max };
}
