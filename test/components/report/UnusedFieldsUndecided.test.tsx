// @vitest-environment happy-dom
// R01's "could not decide" list (issue #14 item 4): fields named in an expression that could not be
// fully read are shown apart, with that expression, and are not in the DROP FIELDS statement.
import { afterEach, describe, expect, it } from 'vitest';
import { OverviewView } from '../../../components/report/OverviewView';
import { analyse } from '../../../lib/rules/analyse';
import { createFormatter } from '../../../lib/report/format';
import { app } from '../../fixtures/builders';
import { mount } from '../render';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('unused fields: could not decide', () => {
  it('lists the field with the expression that names it, apart from the DROP FIELDS statement', async () => {
    const snapshot = app()
      .table('T', { fields: ['A', 'Maybe', { name: 'Gone', byteSize: 1000 }] })
      .sheet()
      .kpi({ id: 'k1', title: 'Totals', measures: ['Sum(A)', 'Sum(A) * $(vMissing(Maybe))'] })
      .build();
    const result = analyse(snapshot);
    const view = await mount(<OverviewView result={result} snapshot={snapshot} fmt={createFormatter('en-US')} />);
    const card = view.root.querySelector('[data-testid="unused-memory"]');
    expect(card?.querySelector('code')?.textContent).toBe('DROP FIELDS [Gone];');
    const undecided = card?.querySelector('[data-testid="unused-undecided"]');
    expect(undecided?.textContent).toContain('Could not decide (1)');
    expect(undecided?.hasAttribute('open')).toBe(true);
    expect(undecided?.textContent).toContain('Maybe in Totals');
    expect(undecided?.querySelector('code')?.textContent).toBe('Sum(A) * $(vMissing(Maybe))');
  });

  it('shows no such list when every field could be decided', async () => {
    const snapshot = app().table('T', { fields: ['A', 'Gone'] }).sheet().kpi({ measure: 'Sum(A)' }).build();
    const view = await mount(<OverviewView result={analyse(snapshot)} snapshot={snapshot} fmt={createFormatter('en-US')} />);
    expect(view.root.querySelector('[data-testid="unused-memory"]')?.textContent).toContain('Gone');
    expect(view.root.querySelector('[data-testid="unused-undecided"]')).toBeNull();
  });
});
