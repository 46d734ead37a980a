import { describe, expect, it } from 'vitest';
import { formatBytes, scaleBytes } from '../../../lib/format/bytes';

describe('byte sizes (binary units)', () => {
  it('scales to the largest unit that keeps the value at least 1, sign kept', () => {
    expect(scaleBytes(1023)).toEqual({ value: 1023, unit: 'B' });
    expect(scaleBytes(1536)).toEqual({ value: 1.5, unit: 'KiB' });
    expect(scaleBytes(-3 * 1024 ** 2)).toEqual({ value: -3, unit: 'MiB' });
    expect(scaleBytes(2 * 1024 ** 5)).toEqual({ value: 2048, unit: 'TiB' });
  });

  it('formats for messages: one decimal below 100, none above', () => {
    expect([0, 999, 1536, 150 * 1024 ** 2, 5 * 1024 ** 3].map(formatBytes)).toEqual(['0 B', '999 B', '1.5 KiB', '150 MiB', '5.0 GiB']);
  });
});
