import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/missing-master-visualization';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q06 missing-master-visualization', () => {
  it('passes when the master visualization exists', () => {
    const s = app().masterVisualization('barchart', { id: 'mv1', title: 'Master' }).sheet().barchart({ extendsId: 'mv1' }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags an object extending a deleted master visualization', () => {
    const s = app().sheet().barchart({ id: 'o1', extendsId: 'deleted-mv' }).build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => [f.target.id, f.data?.libraryId])).toEqual([['o1', 'deleted-mv']]);
    expect(findings[0].message).toMatch(/^The Bar chart on sheet "Sheet" links to master visualization "deleted-mv", which no longer exists\.$/);
  });

  it('does not read a layout container\'s child list template (qChildListDef.qData.qExtendsId: "/qExtendsId") as a link (engine-rpc ChildListDef)', () => {
    const template = { qChildListDef: { qData: { visualization: '/visualization', qExtendsId: '/qExtendsId', title: '/title', childRefId: '/childRefId' } } };
    const s = app().masterVisualization('sn-layout-container', { id: 'mv1', properties: template }).sheet().object('sn-layout-container', { id: 'c1', properties: template }).object('container', { id: 'c2', properties: template }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });
});
