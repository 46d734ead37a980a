import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/app-memory-near-quota';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

const sized = (byteSize: number) => app().table('T', { fields: [{ name: 'A', byteSize }] }).build();

describe('R11 app-memory-near-quota', () => {
  it('passes an app far from the quota', () => {
    expect(runRule(rule, sized(0)).findings).toEqual([]);
  });

  it('flags an app at 90 % of the configured quota', () => {
    const s = app().table('T', { fields: [{ name: 'A', byteSize: 900 }] }).build();
    const { messages } = runRule(rule, s, { quotaBytes: 1000 });
    expect(messages).toEqual(['The app needs 900 B in memory, 90 % of the 1000 B quota (threshold 80 %).']);
  });
});
