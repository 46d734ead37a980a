import { describe, expect, it } from 'vitest';
import { nextIndex, scrollToReveal, visibleWindow } from '../../../lib/report/virtual';

describe('visibleWindow', () => {
  it('renders only the rows in view plus the overscan', () => {
    const w = visibleWindow({ count: 10_000, rowHeight: 50, scrollTop: 5000, viewportHeight: 500, overscan: 3 });
    expect(w).toEqual({ start: 97, end: 114, offsetTop: 97 * 50, totalHeight: 500_000 });
  });

  it('starts at row 0 at the top and never passes the end', () => {
    expect(visibleWindow({ count: 10, rowHeight: 50, scrollTop: 0, viewportHeight: 200, overscan: 2 })).toMatchObject({ start: 0, end: 7 });
    const end = visibleWindow({ count: 100, rowHeight: 20, scrollTop: 99_999, viewportHeight: 200, overscan: 2 });
    expect(end.end).toBe(100);
    expect(end.start).toBeLessThan(100);
    expect(end.start).toBeGreaterThanOrEqual(85);
  });

  it('handles an empty list and a negative scroll position', () => {
    expect(visibleWindow({ count: 0, rowHeight: 50, scrollTop: 0, viewportHeight: 500 })).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
    expect(visibleWindow({ count: 5, rowHeight: 50, scrollTop: -100, viewportHeight: 100, overscan: 0 })).toMatchObject({ start: 0, offsetTop: 0 });
  });
});

describe('list keys', () => {
  it('moves by one, by a page and to the ends, clamped', () => {
    expect(nextIndex('ArrowDown', 0, 10, 4)).toBe(1);
    expect(nextIndex('ArrowDown', 9, 10, 4)).toBe(9);
    expect(nextIndex('ArrowUp', 0, 10, 4)).toBe(0);
    expect(nextIndex('PageDown', 8, 10, 4)).toBe(9);
    expect(nextIndex('PageUp', 5, 10, 4)).toBe(1);
    expect(nextIndex('Home', 5, 10, 4)).toBe(0);
    expect(nextIndex('End', 5, 10, 4)).toBe(9);
    expect(nextIndex('a', 5, 10, 4)).toBeUndefined();
    expect(nextIndex('ArrowDown', 0, 0, 4)).toBeUndefined();
  });

  it('scrolls just enough to reveal a row', () => {
    expect(scrollToReveal(10, 50, 0, 200)).toBe(350);
    expect(scrollToReveal(1, 50, 100, 200)).toBe(50);
    expect(scrollToReveal(3, 50, 100, 200)).toBeUndefined();
  });
});
