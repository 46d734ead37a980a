import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAnalysisHistory } from '../../../lib/extension/last-analysis';
import { openHistoryStore } from '../../../lib/extension/history-store';
import { applySuppressions, loadSuppressions, setFindingHidden } from '../../../lib/extension/suppressions';
import { suppressionFor } from '../../../lib/analyze/suppression';
import { DEFAULT_SETTINGS } from '../../../lib/protocol/settings';
import { analysisFinding, analysisResult, report } from '../protocol/report-fixtures';
import { minimalSnapshot } from '../snapshot/minimal-snapshot';
import { renderJson } from '../../../lib/export/json';

const unused = analysisFinding();
const broken = analysisFinding({ id: 'Q01:x', rule: 'Q01', name: 'expression-syntax-error', severity: 'error', category: 'quality', target: { kind: 'object', id: 'o1', sheet: { id: 's1' } }, contentHash: 'q' });
const result = analysisResult([broken, unused], {
  rules: [{ rule: 'R01', name: 'unused-field', category: 'resource', severity: 'warning', status: 'ran', findings: 1, suppressed: 0, durationMs: 1 }],
});
let dbCount = 0;

describe('applySuppressions', () => {
  it('moves a hidden finding out of the findings, updates counts and score, and back again', () => {
    const hidden = applySuppressions(result, [suppressionFor(unused)]);
    expect(hidden.findings.map((f) => f.id)).toEqual([broken.id]);
    expect(hidden.suppressedFindings.map((f) => f.id)).toEqual([unused.id]);
    expect(hidden.summary).toMatchObject({ total: 1, suppressed: 1, bySeverity: { error: 1, warning: 0, info: 0 } });
    expect(hidden.summary.byCategory.resource).toEqual({ error: 0, warning: 0, info: 0 });
    expect(hidden.rules[0]).toMatchObject({ findings: 0, suppressed: 1 });
    expect(hidden.score.value).toBeGreaterThan(0);
    const shown = applySuppressions(hidden, []);
    expect(shown.findings.map((f) => f.id)).toEqual([broken.id, unused.id]);
    expect(shown.summary).toMatchObject({ total: 2, suppressed: 0 });
    expect(shown.rules[0]).toMatchObject({ findings: 1, suppressed: 0 });
  });

  it('does not hide a finding whose content changed since it was hidden', () => {
    const changed = applySuppressions(result, [{ ...suppressionFor(unused), contentHash: 'other' }]);
    expect(changed.findings).toHaveLength(2);
  });
});

describe('hidden findings storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps hidden findings per app, once each, and un-hides them', async () => {
    await setFindingHidden('app-1', unused, true);
    await setFindingHidden('app-1', unused, true);
    expect(await loadSuppressions('app-1')).toEqual([expect.objectContaining({ rule: 'R01', target: 'field:Unused', contentHash: 'abc' })]);
    expect(await loadSuppressions('app-2')).toEqual([]);
    await setFindingHidden('app-1', unused, false);
    expect(await loadSuppressions('app-1')).toEqual([]);
  });

  it('reads damaged hidden findings as none', async () => {
    await fakeBrowser.storage.local.set({ suppressions: { 'app-1': 'everything' } });
    expect(await loadSuppressions('app-1')).toEqual([]);
  });
});

describe('analysis history', () => {
  beforeEach(() => fakeBrowser.reset());

  const history = () => {
    const name = `last-analysis-${++dbCount}`;
    let time = 42_000;
    const now = () => time++;
    return createAnalysisHistory(() => openHistoryStore({ name, now }), now);
  };

  it('keeps one entry per analysis: the partial results of a run (same analysedAt) are replaced by its final one', async () => {
    const h = history();
    const at = '2026-12-07T19:00:00.000Z';
    const partial = analysisResult([broken], { analysedAt: at });
    const final = analysisResult([broken, unused], { analysedAt: at });
    await h.save({ appKey: 'app-1', report: report([]), result: partial, snapshot: minimalSnapshot() }, DEFAULT_SETTINGS);
    await h.save({ appKey: 'app-1', report: report([]), result: partial, snapshot: minimalSnapshot() }, DEFAULT_SETTINGS);
    await h.save({ appKey: 'app-1', report: report([]), result: final, snapshot: minimalSnapshot() }, DEFAULT_SETTINGS);
    const entries = await h.list('app-1');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ at: Date.parse(at), counts: { error: 1, warning: 1 } });
    expect((await h.load('app-1'))?.result.findings.map((f) => f.id)).toEqual([broken.id, unused.id]);
  });

  it('saves a run outcome and loads it with the hidden findings applied', async () => {
    const h = history();
    expect(await h.load('app-1')).toBeNull();
    await h.save({ appKey: 'app-1', report: report([]), result, snapshot: minimalSnapshot() }, DEFAULT_SETTINGS);
    expect(await h.load('app-1')).toMatchObject({ appKey: 'app-1', savedAt: 42_000, snapshot: { app: { name: 'Tiny' } } });
    const after = await h.setHidden('app-1', unused, true);
    expect(after?.result.suppressedFindings.map((f) => f.id)).toEqual([unused.id]);
    // what a reloaded side panel reads
    expect((await h.load('app-1'))?.result.findings.map((f) => f.id)).toEqual([broken.id]);
    expect((await h.setHidden('app-1', unused, false))?.result.findings).toHaveLength(2);
  });

  it('honours the retention setting', async () => {
    const h = history();
    const settings = { ...DEFAULT_SETTINGS, retention: { maxApps: 1, maxAgeDays: 30 } };
    await h.save({ appKey: 'app-1', report: report([]), result, snapshot: minimalSnapshot() }, settings);
    await h.save({ appKey: 'app-2', report: report([]), result, snapshot: minimalSnapshot() }, settings);
    expect(await h.load('app-1')).toBeNull();
    expect(await h.load('app-2')).not.toBeNull();
  });

  it('lists every analysis with its connection mode and opens one with the hidden findings applied', async () => {
    const h = history();
    const settings = { ...DEFAULT_SETTINGS, tenants: { 'acme.eu.qlikcloud.com': { ...DEFAULT_SETTINGS.connection, mode: 'oauth' as const, oauthClientId: 'c' } } };
    const first = { ...result, analysedAt: '2026-12-01T09:00:00.000Z' };
    const second = { ...result, analysedAt: '2026-12-02T09:00:00.000Z' };
    await h.save({ appKey: 'app-1', report: report([], { app: { appId: 'a', name: 'A', origin: 'https://acme.eu.qlikcloud.com' } }), result: first, snapshot: minimalSnapshot() }, settings);
    await h.save({ appKey: 'app-1', report: report([]), result: second, snapshot: minimalSnapshot() }, settings);
    const list = await h.list('app-1');
    expect(list.map((e) => e.connectionMode)).toEqual(['session', 'oauth']);
    await h.setHidden('app-1', unused, true);
    const older = await h.open('app-1', list[1].id);
    expect(older?.result.analysedAt).toBe(first.analysedAt);
    expect(older?.result.suppressedFindings.map((f) => f.id)).toEqual([unused.id]);
    expect(await h.open('app-2', list[1].id)).toBeNull();
  });

  it('imports a JSON export into the app\'s history, and refuses a foreign, duplicate, too old or malformed file without changing anything', async () => {
    const exported = { ...result, app: { id: 'app-id-1', name: 'Sales' }, analysedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() };
    const text = renderJson({ result: exported, source: { connectionMode: 'session' } });
    const settings = { ...DEFAULT_SETTINGS, retention: { maxApps: 5, maxAgeDays: 30 } };
    const realNow = createAnalysisHistory(() => openHistoryStore({ name: `import-${++dbCount}` }));
    await expect(realNow.importJson('app-1', 'other-app', text, settings)).rejects.toThrow(/not of the app in this tab/);
    await expect(realNow.importJson('app-1', 'app-id-1', '{"hello":1}', settings)).rejects.toThrow(/not a Qlarity analysis export/);
    await expect(realNow.importJson('app-1', 'app-id-1', 'garbage', settings)).rejects.toThrow(/not JSON/);
    expect(await realNow.list('app-1')).toEqual([]);
    const entry = await realNow.importJson('app-1', 'app-id-1', text, settings);
    expect(entry).toMatchObject({ appKey: 'app-1', imported: true, full: false, connectionMode: 'session' });
    expect((await realNow.open('app-1', entry.id))?.result.findings.map((f) => f.id).sort()).toEqual(result.findings.map((f) => f.id).sort());
    await expect(realNow.importJson('app-1', 'app-id-1', text, settings)).rejects.toThrow(/already in the history/);
    const old = renderJson({ result: { ...exported, analysedAt: '2020-01-01T00:00:00.000Z' } });
    await expect(realNow.importJson('app-1', 'app-id-1', old, settings)).rejects.toThrow(/older than 30 days/);
    expect(await realNow.list('app-1')).toHaveLength(1);
  });
});
