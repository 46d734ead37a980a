import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/script/synthetic-key-in-log';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('S06 synthetic-key-in-log', () => {
  it('passes a log without synthetic keys', () => {
    expect(runRule(rule, app().reloads({ lastLog: { reloadId: 'r', text: 'Orders << x\n10 lines fetched', truncated: false } }).build()).findings).toEqual([]);
  });

  it('flags the log lines that mention them', () => {
    const s = app().reloads({ lastLog: { reloadId: 'r', text: 'Orders << x\ncreating search index\n$Syn 1 = Year+Region\nSynthetic key created', truncated: false } }).build();
    expect(runRule(rule, s).findings[0].data?.lines).toEqual(['$Syn 1 = Year+Region', 'Synthetic key created']);
    expect(runRule(rule, s).found).toEqual([
      'S06 reload:r The reload log announces synthetic keys: "$Syn 1 = Year+Region", "Synthetic key created".',
    ]);
  });

  it('reads the log of the newest successful reload, not the newer failed one', () => {
    const s = app()
      .reloads({
        reloads: [{ id: 'failed', status: 'FAILED' }, { id: 'ok', status: 'SUCCEEDED' }],
        lastLog: { reloadId: 'failed', text: 'Error: syntax', truncated: false },
        lastSuccessful: { reloadId: 'ok', log: { reloadId: 'ok', text: '$Syn 1 = Year+Region', truncated: false } },
      })
      .build();
    const run = runRule(rule, s);
    expect(run.findings.map((f) => f.target.id)).toEqual(['ok']);
    expect(runRule(rule, s).found).toEqual(['S06 reload:ok The reload log announces synthetic keys: "$Syn 1 = Year+Region".']);
  });

  it('cannot run when only the failed reload\'s log was collected', () => {
    const s = app()
      .reloads({ reloads: [{ id: 'failed', status: 'FAILED' }, { id: 'ok', status: 'SUCCEEDED' }], lastLog: { reloadId: 'failed', text: '$Syn 1 = A+B', truncated: false } })
      .build();
    const run = runRule(rule, s);
    expect(run.findings).toEqual([]);
    expect(run.run.status).toBe('could-not-run');
  });
});
