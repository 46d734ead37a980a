import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/script/last-reload-failed';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('S02 last-reload-failed', () => {
  it('passes a successful last reload, even after an older failure', () => {
    expect(runRule(rule, app().reloads({ reloads: [{ id: 'r2', status: 'SUCCEEDED' }, { id: 'r1', status: 'FAILED' }] }).build()).findings).toEqual([]);
  });

  it('flags a failed last reload with its message', () => {
    const s = app().reloads({ reloads: [{ id: 'r2', status: 'FAILED', endTime: '2026-01-01T10:00:00Z', errorMessage: 'Table not found' }] }).build();
    expect(runRule(rule, s).messages).toEqual(['The last reload (2026-01-01T10:00:00Z) ended with status FAILED: Table not found.']);
  });
});
