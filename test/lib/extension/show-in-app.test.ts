import { describe, expect, it } from 'vitest';
import { planShow, sheetUrl } from '../../../lib/extension/show-in-app';
import { parseQlikAppUrl } from '../../../lib/qlik/url';

const app = parseQlikAppUrl('https://demo.eu.qlikcloud.com/sense/app/a1/sheet/s1/state/analysis')!;

describe('planShow', () => {
  it('highlights an object on the open sheet', () => {
    expect(planShow(app, { kind: 'object', id: 'o1', sheetId: 's1' })).toEqual({ action: 'highlight', objectId: 'o1' });
    expect(planShow(app, { kind: 'object', id: 'o1' })).toEqual({ action: 'highlight', objectId: 'o1' });
  });

  it('opens the sheet for a sheet or an object on another sheet', () => {
    const url = 'https://demo.eu.qlikcloud.com/sense/app/a1/sheet/s2/state/analysis';
    expect(planShow(app, { kind: 'object', id: 'o9', sheetId: 's2' })).toEqual({ action: 'navigate', url });
    expect(planShow(app, { kind: 'sheet', id: 's2' })).toEqual({ action: 'navigate', url });
  });

  it('has nothing to show for things that live off the sheets', () => {
    expect(planShow(app, { kind: 'field', id: 'Unused' })).toMatchObject({ action: 'none' });
  });

  it('escapes ids into the address and keeps the virtual proxy prefix', () => {
    const onPrem = parseQlikAppUrl('https://qlik.example.com/hdr/sense/app/a%2F1')!;
    expect(sheetUrl(onPrem, 's/2')).toBe('https://qlik.example.com/hdr/sense/app/a%2F1/sheet/s%2F2/state/analysis');
  });
});
