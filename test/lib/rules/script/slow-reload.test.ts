import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/script/slow-reload';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('S04 slow-reload', () => {
  it('passes a short reload', () => {
    expect(runRule(rule, app().reloads({ metadata: [{ reloadId: 'r', duration: 60_000, statements: [] }] }).build()).findings).toEqual([]);
  });

  it('flags a reload over 30 minutes', () => {
    const s = app().reloads({ metadata: [{ reloadId: 'r', duration: 45 * 60_000, cpuTimeSpentMs: 50 * 60_000, statements: [] }] }).build();
    expect(runRule(rule, s).messages).toEqual(['The last successful reload took 2700 s with 3000 s of CPU (threshold 1800 s).']);
  });

  it('honours the maxMs option', () => {
    const s = app().reloads({ metadata: [{ reloadId: 'r', duration: 45 * 60_000, statements: [] }] }).build();
    expect(runRule(rule, s, { maxMs: 60 * 60_000 }).findings).toEqual([]);
    expect(runRule(rule, s, { maxMs: 10 * 60_000 }).found).toEqual(['S04 reload:r The last successful reload took 2700 s (threshold 600 s).']);
  });
});
