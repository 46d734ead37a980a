import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/crowded-sheet';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P17 crowded-sheet', () => {
  const sheetWith = (n: number) => {
    const sheet = app().sheet({ title: 'Busy' });
    for (let i = 0; i < n; i++) sheet.kpi();
    return sheet.build();
  };

  it('passes 12 objects', () => {
    expect(runRule(rule, sheetWith(12)).findings).toEqual([]);
  });

  it('flags 13 objects', () => {
    expect(runRule(rule, sheetWith(13)).messages).toEqual(['Sheet "Busy" has 13 objects (threshold 12).']);
  });

  it('honours the objects option', () => {
    expect(runRule(rule, sheetWith(13), { objects: 13 }).findings).toEqual([]);
    expect(runRule(rule, sheetWith(6), { objects: 5 }).messages).toEqual(['Sheet "Busy" has 6 objects (threshold 5).']);
  });
});
