import { describe, expect, it } from 'vitest';
import { formatMs, formatNumber, formatPercent, formatSeconds, plural } from '../../../lib/format/numbers';

describe('numbers in messages', () => {
  it('groups thousands and names the noun by the count', () => {
    expect(formatNumber(11_240_558)).toBe('11,240,558');
    expect(plural(1, 'object')).toBe('1 object');
    expect(plural(1200, 'object')).toBe('1,200 objects');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('says durations in ms under a second, then in seconds', () => {
    expect(formatMs(849.6)).toBe('850 ms');
    expect(formatMs(2340)).toBe('2.3 s');
    expect(formatMs(42_400)).toBe('42 s');
  });

  it('says limits in seconds, whole or with one decimal', () => {
    expect(formatSeconds(1_800_000)).toBe('1800 s');
    expect(formatSeconds(2500)).toBe('2.5 s');
    expect(formatSeconds(12_345)).toBe('12.3 s');
  });

  it('says ratios as percentages with at most the given decimals, without float noise', () => {
    expect(formatPercent(0.25)).toBe('25 %');
    expect(formatPercent(0.005, 2)).toBe('0.5 %');
    expect(formatPercent(0.001234, 2)).toBe('0.12 %');
    expect(formatPercent(0.07, 2)).toBe('7 %');
    expect(formatPercent(0.07 * 3, 2)).toBe('21 %');
  });
});
