// Rules per app (options page → settings.analysis.apps) reach the analysis of that app only.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPipeline } from '../../../lib/extension/pipeline';
import { DEFAULT_SETTINGS, Settings } from '../../../lib/protocol/settings';
import { app } from '../../fixtures/builders';
import { demoApp } from '../protocol/report-fixtures';

const snapshotOf = (id: string) =>
  app({ id, name: id })
    .table('Sales', { rows: 100, fields: [{ name: 'Amount', byteSize: 400 }, { name: 'Unused', byteSize: 600 }] })
    .sheet({ id: 's1', title: 'Sheet' })
    .kpi({ id: 'k', title: 'KPI', measure: { def: 'Sum(Amount)' } })
    .app.timings([{ objectId: 'k', firstMs: 1_500, cachedMs: 10 }])
    .build();

async function analyse(appId: string, settings: Settings) {
  const context = { tabId: 1, app: { ...demoApp, appId }, settings, signal: new AbortController().signal };
  const result = await createPipeline().analyse(snapshotOf(appId), context);
  return { rules: new Set(result.findings.map((f) => f.rule)), findings: result.findings };
}

describe('rules per app', () => {
  beforeEach(() => fakeBrowser.reset());

  it('an override changes the result for that app only', async () => {
    const before = await analyse('app-a', DEFAULT_SETTINGS);
    expect(before.rules.has('R01')).toBe(true);
    expect(before.rules.has('P01')).toBe(true); // 1 500 ms over the default 1 000 ms

    const settings = Settings.parse({
      ...DEFAULT_SETTINGS,
      analysis: {
        rules: {},
        categories: {},
        apps: {
          'app-a': { rules: { R01: 'off', P01: { severity: 'error', options: { firstMs: 1_200 } } }, categories: {} },
          'app-c': { rules: { P01: { options: { firstMs: 5_000 } } }, categories: {} },
        },
      },
    });
    const a = await analyse('app-a', settings);
    const b = await analyse('app-b', settings);
    const c = await analyse('app-c', settings);
    expect(a.rules.has('R01')).toBe(false);
    expect(a.findings.find((f) => f.rule === 'P01')?.severity).toBe('error');
    expect(c.rules.has('P01')).toBe(false); // its own threshold
    expect(c.rules.has('R01')).toBe(true);
    expect(b.rules).toEqual(before.rules);
    expect(b.findings.find((f) => f.rule === 'P01')?.severity).toBe(before.findings.find((f) => f.rule === 'P01')?.severity);
    expect(b.findings.find((f) => f.rule === 'P01')?.severity).toBe('warning');
  });
});
