// @vitest-environment happy-dom
// R01's BINARY caveat (issue #19 item 3): after a BINARY load, DROP FIELDS does not release all the
// memory; the report shows it with the statement, in the Overview and in Fix first, not only in the export.
import { afterEach, describe, expect, it } from 'vitest';
import { GroupDetails } from '../../../components/report/GroupDetails';
import { OverviewView } from '../../../components/report/OverviewView';
import { fixFirst } from '../../../lib/report/fix-first';
import { createFormatter } from '../../../lib/report/format';
import { sectionRows } from '../../../lib/report/sections';
import { analyse } from '../../../lib/rules/analyse';
import { BINARY_DROP_WARNING } from '../../../lib/rules/resource/unused-field';
import { app } from '../../fixtures/builders';
import { mount } from '../render';

afterEach(() => {
  document.body.innerHTML = '';
});

const fmt = createFormatter('en-US');
const binaryApp = () =>
  app()
    .table('T', { fields: ['A', { name: 'Gone', byteSize: 1000 }] })
    .script('BINARY [lib://apps/base.qvf];\n')
    .sheet()
    .kpi({ measure: 'Sum(A)' })
    .build();

describe("R01's DROP FIELDS caveat", () => {
  it('shows the BINARY warning before the statement in the Overview', async () => {
    const snapshot = binaryApp();
    const view = await mount(<OverviewView result={analyse(snapshot)} snapshot={snapshot} fmt={fmt} />);
    const card = view.root.querySelector('[data-testid="unused-memory"]');
    expect(card?.querySelector('[data-testid="statement-warning"]')?.textContent).toBe(`Before pasting: ${BINARY_DROP_WARNING}`);
    expect(card?.querySelector('code')?.textContent).toBe('DROP FIELDS [Gone];');
  });

  it('shows it with the statement in the Fix first details', async () => {
    const result = analyse(binaryApp());
    const rows = sectionRows({ findings: result.findings, fixFirst: fixFirst(result), passed: [], expanded: new Set(), collapsed: new Set() });
    const group = rows.find((r) => r.type === 'group' && r.rule === 'R01');
    if (group?.type !== 'group') throw new Error('no R01 group in Fix first');
    const view = await mount(<GroupDetails group={group} rule={undefined} fmt={fmt} />);
    expect(view.root.querySelector('[data-testid="statement-warning"]')?.textContent).toContain(BINARY_DROP_WARNING);
    expect(view.root.querySelector('code')?.textContent).toBe('DROP FIELDS [Gone];');
  });

  it('shows no warning without a BINARY load', async () => {
    const snapshot = app().table('T', { fields: ['A', { name: 'Gone', byteSize: 1000 }] }).sheet().kpi({ measure: 'Sum(A)' }).build();
    const view = await mount(<OverviewView result={analyse(snapshot)} snapshot={snapshot} fmt={fmt} />);
    expect(view.root.querySelector('[data-testid="unused-memory"] code')?.textContent).toBe('DROP FIELDS [Gone];');
    expect(view.root.querySelector('[data-testid="statement-warning"]')).toBeNull();
  });
});
