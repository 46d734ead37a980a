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

  it('uses REST metadata when the engine data model is missing (a REST-only run)', () => {
    const s = { ...app().build(), dataModel: undefined, metadata: { static_byte_size: 950 } };
    const { messages, run } = runRule(rule, s, { quotaBytes: 1000 });
    expect(run.status).toBe('ran');
    expect(messages).toEqual(['The app needs 950 B in memory, 95 % of the 1000 B quota (threshold 80 %).']);
  });

  it('could not run when neither the data model nor the metadata gave a size', () => {
    const s = { ...app().build(), dataModel: undefined };
    const { findings, run } = runRule(rule, s);
    expect(findings).toEqual([]);
    expect(run).toMatchObject({ status: 'could-not-run', reason: "the app's size in memory is not known (no data model, no REST metadata)" });
  });
});
