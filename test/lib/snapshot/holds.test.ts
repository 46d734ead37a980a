// Whether the snapshot holds the part or item a collection issue is about (G04 says "not collected"
// or "not collected in full" from it).
import { describe, expect, it } from 'vitest';
import { holdsItem, holdsPart } from '../../../lib/snapshot/holds';
import { app } from '../../fixtures/builders';

describe('holdsPart / holdsItem', () => {
  it('a part is held when present and, for a list, not empty; the connection is never a held part', () => {
    const s = app().script('LOAD 1 AS A AUTOGENERATE 1;').sheet().kpi({ id: 'k' }).build();
    expect(holdsPart(s, 'script')).toBe(true);
    expect(holdsPart(s, 'objects')).toBe(true);
    expect(holdsPart(s, 'bookmarks')).toBe(false);
    expect(holdsPart(s, 'connection')).toBe(false);
  });

  it('an item is held by its id; a variable without an id by its name', () => {
    const s = app().sheet().kpi({ id: 'k' }).build();
    s.variables.push({ name: 'vNoId', definition: '1', tags: [], isScriptCreated: true, isReserved: false, isConfig: false, raw: {} });
    expect(holdsItem(s, 'k')).toBe(true);
    expect(holdsItem(s, 'vNoId')).toBe(true);
    expect(holdsItem(s, 'gone')).toBe(false);
  });
});
