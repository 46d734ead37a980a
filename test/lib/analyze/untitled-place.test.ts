import { expect, it } from 'vitest';
import { onSheet, untitledPlace } from '../../../lib/analyze/untitled-place';

it('says where an untitled object is in one wording: a message quotes the sheet, a shown name does not', () => {
  const sheet = { id: 's1', name: 'Sales overview' };
  expect(untitledPlace({ kind: 'object', sheet }, 'message')).toBe(' on sheet "Sales overview"');
  expect(untitledPlace({ kind: 'object', sheet }, 'name')).toBe(' on Sales overview');
  for (const wording of ['message', 'name'] as const) {
    expect(untitledPlace({ kind: 'object', sheet: { id: 's2' } }, wording)).toBe(' on an untitled sheet');
    expect(onSheet({ id: 's3', name: '  ' }, wording)).toBe(' on an untitled sheet');
    expect(untitledPlace({ kind: 'master-object' }, wording)).toBe(' in master items');
    expect(untitledPlace({ kind: 'object' }, wording)).toBe('');
  }
});
