import { describe, expect, it } from 'vitest';
import { trend } from '../../../lib/report/trend';

describe('trend geometry', () => {
  it('places values by time, the largest at the top, and skips missing ones', () => {
    const t = trend(
      [
        { at: 3000, value: 50 },
        { at: 1000, value: 100 },
        { at: 2000, value: undefined },
        { at: 2000, value: 75 },
      ],
      100,
      20,
      0,
    );
    expect(t.points.map((p) => [p.x, p.y])).toEqual([[0, 0], [50, 10], [100, 20]]);
    expect(t).toMatchObject({ min: 50, max: 100, polyline: '0,0 50,10 100,20' });
  });

  it('draws one analysis or a flat line in the middle, and nothing without values', () => {
    expect(trend([{ at: 5, value: 7 }], 100, 20).points[0]).toMatchObject({ x: 50, y: 10 });
    expect(trend([{ at: 1, value: 7 }, { at: 2, value: 7 }], 100, 20, 0).polyline).toBe('0,10 100,10');
    expect(trend([{ at: 1, value: undefined }], 100, 20)).toEqual({ points: [], min: 0, max: 0, polyline: '' });
  });
});
