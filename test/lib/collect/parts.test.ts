import { describe, expect, it } from 'vitest';
import { INVENTORY, LATER_STAGES } from '../../../lib/collect/parts';
import { ENGINE_ONLY_PARTS } from '../../../lib/collect/rest-only';
import { SNAPSHOT_PARTS } from '../../../lib/snapshot/parts';

describe('collector parts', () => {
  it('fill every part of the snapshot, each part from exactly one collector', () => {
    const fills = [...Object.values(INVENTORY), ...Object.values(LATER_STAGES)].flatMap((c) => c.fills);
    expect([...fills].sort()).toEqual([...SNAPSHOT_PARTS].sort());
  });

  it('a REST-only collection names as engine-only no part that the REST collector fills', () => {
    expect(ENGINE_ONLY_PARTS.filter((part) => INVENTORY.rest.fills.includes(part))).toEqual([]);
  });
});
