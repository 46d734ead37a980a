import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/missing-extension';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q07 missing-extension', () => {
  it('passes native charts and installed extensions', () => {
    const s = app().patch((x) => (x.extensions = [{ name: 'acme-gantt' }])).sheet().barchart().object('acme-gantt').object('sn-table').build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags an extension that is not installed', () => {
    const s = app().sheet().object('acme-radar', { id: 'x', title: 'Radar' }).build();
    expect(runRule(rule, s).messages).toEqual(['Object "Radar" uses visualization "acme-radar", which is not native and not installed as an extension on this tenant.']);
  });

  it('could not run when the extension list was not collected', () => {
    const s = app().patch((x) => delete x.extensions).sheet().object('acme-radar').build();
    expect(runRule(rule, s).run.status).toBe('could-not-run');
  });
});
