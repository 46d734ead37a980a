// The smallest valid AppSnapshot, for tests that need one without collecting.
import { emptySnapshotParts } from '../../../lib/snapshot/empty-parts';
import type { AppSnapshot } from '../../../lib/snapshot/schema';

export function minimalSnapshot(overrides: Partial<AppSnapshot> = {}): AppSnapshot {
  return {
    schemaVersion: 1,
    collectedAt: '2026-11-27T00:00:00.000Z',
    source: { host: 'tenant.example', appId: 'app-1', mode: 'test' },
    access: { privileges: ['read', 'update'], canEdit: true, canReadScript: true, canReload: true },
    app: { id: 'app-1', name: 'Tiny', published: false, directQuery: false, sectionAccess: false, alternateStates: [], layout: {}, properties: {} },
    ...emptySnapshotParts(),
    ...overrides,
  };
}
