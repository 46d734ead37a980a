// Windowing math for a virtual list of fixed-height rows: which rows to render for a scroll
// position, and how much space to leave above and below them.

export interface WindowInput {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** extra rows rendered above and below the visible ones, so fast scrolling shows no gap */
  overscan?: number;
}

export interface VisibleWindow {
  /** first rendered row (inclusive) */
  start: number;
  /** last rendered row (exclusive) */
  end: number;
  /** space before the first rendered row (px) */
  offsetTop: number;
  /** total height of all rows (px) */
  totalHeight: number;
}

export function visibleWindow({ count, rowHeight, scrollTop, viewportHeight, overscan = 5 }: WindowInput): VisibleWindow {
  const height = Math.max(1, rowHeight);
  const total = Math.max(0, count) * height;
  if (count <= 0) return { start: 0, end: 0, offsetTop: 0, totalHeight: 0 };
  const top = Math.min(Math.max(0, scrollTop), Math.max(0, total - viewportHeight));
  const first = Math.floor(top / height);
  const visible = Math.ceil(Math.max(viewportHeight, height) / height) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, offsetTop: start * height, totalHeight: total };
}

/** The scrollTop that brings row `index` fully into view, or undefined when it already is. */
export function scrollToReveal(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number | undefined {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return undefined;
}

/** Next active row for a list key (ArrowUp/Down, Home/End, PageUp/PageDown); undefined for other keys. */
export function nextIndex(key: string, current: number, count: number, pageSize: number): number | undefined {
  if (count === 0) return undefined;
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return clamp(current + Math.max(1, pageSize));
    case 'PageUp':
      return clamp(current - Math.max(1, pageSize));
    default:
      return undefined;
  }
}
