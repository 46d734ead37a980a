// An app folder analysed offline (lib/offline) against the same folder collected live from the
// simulated engine (test/sim loads it): the offline snapshot carries what the folder holds as the
// live collection does, so every rule that runs both ways finds the same.
// - test/fixtures/app-folders/alternatives keeps the field Channel only as an alternative dimension
//   inside its chart's own qHyperCubeDef.qLayoutExclude (a mention), the field Comment nowhere;
// - the demo app (test/sim/apps/demo) has bookmarks whose selections alone use a field, and
//   system variables its script sets.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../../../lib/analyze/result';
import { snapshotFromFolder } from '../../../lib/cli/folder';
import { collectApp } from '../../../lib/collect/index';
import { openEngineSession } from '../../../lib/qlik/engine/session';
import { analyse } from '../../../lib/rules/analyse';
import type { AppSnapshot, Mention } from '../../../lib/snapshot/schema';
import { loadAppFolder } from '../../sim/app/index';
import { builtInUsers } from '../../sim/server/users';
import { inMemorySocketFactory } from '../collect/sim-harness';

const folder = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The folder offline (with its tables-and-keys.json) and collected from the simulated engine. */
async function bothWays(dir: string): Promise<{ offline: AppSnapshot; live: AppSnapshot }> {
  const offline = await snapshotFromFolder(dir, `${dir}/tables-and-keys.json`);
  const app = await loadAppFolder(dir);
  const engine = await openEngineSession({ url: 'https://tenant.example', appId: app.id, createSocket: inMemorySocketFactory(app, builtInUsers().developer, () => undefined) });
  try {
    return { offline, live: await collectApp({ engine, appId: app.id, source: { host: 'tenant.example', mode: 'test' }, timings: false }) };
  } finally {
    await engine.close();
  }
}

const byPlace = (mentions: readonly Mention[] | undefined) =>
  [...(mentions ?? [])].sort((a, b) => `${a.location.objectId}${a.location.path}`.localeCompare(`${b.location.objectId}${b.location.path}`));

const ranRules = (result: AnalysisResult) => new Set(result.rules.filter((r) => r.status === 'ran').map((r) => r.rule));

describe('an alternative dimension inside the chart\'s own qHyperCubeDef.qLayoutExclude', () => {
  const ALTERNATIVE_PATH = '/qHyperCubeDef/qLayoutExclude/qHyperCubeDef/qDimensions/0/qDef/qFieldDefs/0';
  let offline: AppSnapshot;
  let live: AppSnapshot;
  beforeAll(async () => ({ offline, live } = await bothWays(folder('../../fixtures/app-folders/alternatives'))), 60_000);

  const unusedFields = (snapshot: AppSnapshot) => {
    const result = analyse(snapshot);
    expect(result.rules.find((r) => r.rule === 'R01')?.status).toBe('ran');
    return result.findings.filter((f) => f.rule === 'R01').map((f) => f.target.id);
  };

  it('is a mention of the offline snapshot, which lists the same mentions as the live collection', () => {
    expect(offline.mentions).toContainEqual(expect.objectContaining({ text: 'Channel', reason: 'kept-not-evaluated', location: expect.objectContaining({ objectId: 'chart1', path: ALTERNATIVE_PATH }) }));
    expect(byPlace(offline.mentions)).toEqual(byPlace(live.mentions));
  });

  it('counts as a use for R01 offline, as it does live', () => {
    expect(unusedFields(offline)).toEqual(['Comment']);
    expect(unusedFields(live)).toEqual(['Comment']);
  });

  it("has its line in the folder's sources, for exports that point at a finding's path", () => {
    const chart = offline.sources?.items.find((i) => i.kind === 'object' && i.id === 'chart1');
    expect(chart?.file).toBe('objects/sheet--overview-sheet1.json');
    // the line of "Channel" in that file
    expect(chart?.paths?.[ALTERNATIVE_PATH]).toBe(55);
  });
});

describe('the demo app', () => {
  let offline: AnalysisResult;
  let live: AnalysisResult;
  beforeAll(async () => {
    const snapshots = await bothWays(folder('../../sim/apps/demo'));
    offline = analyse(snapshots.offline);
    live = analyse(snapshots.live);
  }, 120_000);

  it('every rule that runs both ways finds the same (D12 does not run offline: what is published is not in a folder)', () => {
    // G04 lists what each collection left out, which differs by design
    const both = [...ranRules(offline)].filter((rule) => ranRules(live).has(rule) && rule !== 'G04');
    expect(both).toEqual(expect.arrayContaining(['R01', 'Q08', 'D06']));
    // the app's id differs (a folder has none: its name stands for it)
    const found = (result: AnalysisResult) =>
      result.findings
        .filter((f) => both.includes(f.rule))
        .map((f) => `${f.rule} ${f.target.kind}:${f.target.kind === 'app' ? 'app' : f.target.id}`)
        .sort();
    expect(found(offline)).toEqual(found(live));
    expect(offline.rules.find((r) => r.rule === 'D12')).toMatchObject({ status: 'could-not-run', reason: expect.stringMatching(/not in an app folder/) });
  });
});
