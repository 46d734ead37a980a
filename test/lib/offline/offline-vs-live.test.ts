// The mentions (what Sense keeps but does not evaluate: qLayoutExclude, inactive colour modes) of an
// app folder are the live collection's: the fixture test/fixtures/app-folders/alternatives keeps
// the field Channel only as an alternative dimension inside its chart's own
// qHyperCubeDef.qLayoutExclude, the field Comment nowhere. Read offline and collected from the
// simulated engine loaded from the same folder, the snapshots list the same mentions, and R01
// reports Comment and not Channel in both.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { snapshotFromFolder } from '../../../lib/cli/folder';
import { collectApp } from '../../../lib/collect/index';
import { openEngineSession } from '../../../lib/qlik/engine/session';
import { analyse } from '../../../lib/rules/analyse';
import type { AppSnapshot, Mention } from '../../../lib/snapshot/schema';
import { loadAppFolder } from '../../sim/app/index';
import { builtInUsers } from '../../sim/server/users';
import { inMemorySocketFactory } from '../collect/sim-harness';

const DIR = fileURLToPath(new URL('../../fixtures/app-folders/alternatives', import.meta.url));
const ALTERNATIVE_PATH = '/qHyperCubeDef/qLayoutExclude/qHyperCubeDef/qDimensions/0/qDef/qFieldDefs/0';

let offline: AppSnapshot;
let live: AppSnapshot;

beforeAll(async () => {
  offline = await snapshotFromFolder(DIR, `${DIR}/tables-and-keys.json`);
  const app = await loadAppFolder(DIR);
  const engine = await openEngineSession({ url: 'https://tenant.example', appId: app.id, createSocket: inMemorySocketFactory(app, builtInUsers().developer, () => undefined) });
  try {
    live = await collectApp({ engine, appId: app.id, source: { host: 'tenant.example', mode: 'test' }, timings: false });
  } finally {
    await engine.close();
  }
}, 60_000);

const unusedFields = (snapshot: AppSnapshot) => {
  const result = analyse(snapshot);
  expect(result.rules.find((r) => r.rule === 'R01')?.status).toBe('ran');
  return result.findings.filter((f) => f.rule === 'R01').map((f) => f.target.id);
};

const byPlace = (mentions: readonly Mention[] | undefined) =>
  [...(mentions ?? [])].sort((a, b) => `${a.location.objectId}${a.location.path}`.localeCompare(`${b.location.objectId}${b.location.path}`));

describe('mentions of an app folder', () => {
  it('are in the offline snapshot, the same as the live collection of the same app', () => {
    expect(offline.mentions).toContainEqual(expect.objectContaining({ text: 'Channel', reason: 'kept-not-evaluated', location: expect.objectContaining({ objectId: 'chart1', path: ALTERNATIVE_PATH }) }));
    expect(byPlace(offline.mentions)).toEqual(byPlace(live.mentions));
  });

  it('R01 counts the alternative dimension as a use offline, as it does live', () => {
    expect(unusedFields(offline)).toEqual(['Comment']);
    expect(unusedFields(live)).toEqual(['Comment']);
  });

  it("the folder's sources give the line of the mention, for exports that point at a finding's path", () => {
    const chart = offline.sources?.items.find((i) => i.kind === 'object' && i.id === 'chart1');
    expect(chart?.file).toBe('objects/sheet--overview-sheet1.json');
    // the line of "Channel" in that file
    expect(chart?.paths?.[ALTERNATIVE_PATH]).toBe(55);
  });
});
