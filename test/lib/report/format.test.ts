import { describe, expect, it } from 'vitest';
import { createFormatter } from '../../../lib/report/format';

describe('createFormatter', () => {
  it('formats numbers, bytes and percentages with the given locale', () => {
    const en = createFormatter('en-US');
    const de = createFormatter('de-DE');
    expect(en.number(1234567)).toBe('1,234,567');
    expect(de.number(1234567)).toBe('1.234.567');
    expect(de.number(1.25)).toBe('1,3');
    expect(en.bytes(512)).toBe('512 B');
    expect(en.bytes(1536)).toBe('1.5 KiB');
    expect(de.bytes(5 * 1024 * 1024 + 512 * 1024)).toBe('5,5 MiB');
    expect(en.bytes(3 * 1024 ** 4)).toBe('3 TiB');
    expect(en.percent(0.125)).toBe('12.5%');
  });

  it('formats durations in ms, s and minutes', () => {
    const en = createFormatter('en-US');
    expect(en.duration(250)).toBe('250 ms');
    expect(en.duration(4500)).toBe('4.5 s');
    expect(en.duration(125_000)).toBe('2 min 5 s');
    expect(createFormatter('fr-FR').duration(4500)).toBe('4,5 s');
  });

  it('shows a dash for values that are not numbers, and keeps a date it cannot read', () => {
    const en = createFormatter('en-US');
    expect(en.number(Number.NaN)).toBe('–');
    expect(en.bytes(Number.POSITIVE_INFINITY)).toBe('–');
    expect(en.dateTime('not a date')).toBe('not a date');
    expect(en.dateTime('2026-01-02T10:30:00Z')).toMatch(/2026/);
  });

  it('falls back to the default locale for a malformed locale tag instead of throwing', () => {
    const bad = createFormatter('not_a locale!!');
    expect(bad.number(1000)).toMatch(/1.?000/);
  });
});
