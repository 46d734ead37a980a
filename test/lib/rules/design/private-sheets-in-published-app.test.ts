import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/private-sheets-in-published-app';
import { app } from '../../../fixtures/builders';
import { PUBLISH_STATE_UNKNOWN } from '../../../../lib/snapshot/publish-state';
import { runRule } from '../run-rule';

describe('D12 private-sheets-in-published-app', () => {
  it('passes unpublished apps and published sheets', () => {
    expect(runRule(rule, app().sheet().build()).findings).toEqual([]);
    expect(runRule(rule, app({ published: true }).sheet({ published: true }).build()).findings).toEqual([]);
  });

  it('flags a private sheet in a published app', () => {
    expect(runRule(rule, app({ published: true }).sheet({ title: 'Mine', published: false }).build()).messages).toEqual(['Sheet "Mine" is private in a published app.']);
  });

  it('could not run when the snapshot does not know what is published (an app folder)', () => {
    const message = 'kept by the tenant, not in an app folder';
    const s = app({ published: true }).sheet({ published: false }).app.issue({ part: 'app', code: PUBLISH_STATE_UNKNOWN, message }).build();
    expect(runRule(rule, s).run).toMatchObject({ status: 'could-not-run', reason: message });
    expect(runRule(rule, s).findings).toEqual([]);
  });
});
