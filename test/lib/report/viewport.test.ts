import { describe, expect, it } from 'vitest';
import { fitViewport, panViewport, readableViewport, viewBoxOf, zoomViewport } from '../../../lib/report/viewport';

const whole = fitViewport(400, 200);

describe('viewport', () => {
  it('zooms in and out around the centre, within 1/8 and 2 times the drawing', () => {
    const inView = zoomViewport(whole, 2, whole);
    expect(inView).toEqual({ x: 100, y: 50, width: 200, height: 100 });
    expect(zoomViewport(inView, 0.5, whole)).toEqual(whole);
    let deep = whole;
    for (let i = 0; i < 20; i++) deep = zoomViewport(deep, 2, whole);
    expect(deep.width).toBe(400 / 8);
    let far = whole;
    for (let i = 0; i < 20; i++) far = zoomViewport(far, 0.5, whole);
    expect(far.width).toBe(800);
  });

  it('keeps the point under the pointer in place', () => {
    const zoomed = zoomViewport(whole, 4, whole, { x: 100, y: 50 });
    expect((100 - zoomed.x) / zoomed.width).toBeCloseTo(100 / 400);
    expect((50 - zoomed.y) / zoomed.height).toBeCloseTo(50 / 200);
  });

  it('pans, but never out of sight of the drawing', () => {
    const zoomed = zoomViewport(whole, 2, whole);
    expect(panViewport(zoomed, 20, -10, whole)).toMatchObject({ x: 120, y: 40 });
    const lost = panViewport(zoomed, 10_000, 10_000, whole);
    expect(lost.x).toBeLessThan(whole.width);
    expect(lost.y).toBeLessThan(whole.height);
    expect(viewBoxOf(zoomed)).toBe('100 50 200 100');
  });
});

describe('readableViewport', () => {
  it('fits a drawing that stays readable, and starts a larger one at its own size, top left', () => {
    expect(readableViewport(whole, 500, 300)).toEqual(whole);
    expect(readableViewport(fitViewport(2000, 600), 320, 300)).toEqual({ x: 0, y: 0, width: 320, height: 300 });
    expect(readableViewport(whole, 0, 0)).toEqual(whole);
  });
});
