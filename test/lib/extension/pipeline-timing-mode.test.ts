// The options page's Object timings setting reaches the collection: quick (the default) or full.
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPipeline, type LiveConnection } from '../../../lib/extension/pipeline';
import { openEngineSession } from '../../../lib/qlik/engine/session';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/protocol/settings';
import { DEFAULT_TIMING_MODE } from '../../../lib/snapshot/timing-mode';
import { loadAppFolder } from '../../sim/app/index';
import { startSimulator } from '../../sim/index';
import { inMemorySocketFactory, onVirtualClock } from '../collect/sim-harness';
import { demoApp } from '../protocol/report-fixtures';

const DEMO_DIR = new URL('../../sim/apps/demo', import.meta.url).pathname;

describe('pipeline: the timing mode setting', () => {
  it('collects with the default (quick) when unset, and with the full pass when chosen', async () => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'Qlarity', version: '0.0.0' });
    const app = await loadAppFolder(DEMO_DIR);
    const sim = await startSimulator({ http: true, apps: [app] });
    try {
      const collect = (settings: Settings) =>
        onVirtualClock(async () => {
          const engine = await openEngineSession({ url: 'https://tenant.example', appId: app.id, createSocket: inMemorySocketFactory(app, sim.users.developer, () => undefined) });
          // no REST in this test: every REST part is listed as not collected, the engine parts are read
          const connection = { app: { ...demoApp, appId: app.id }, fetch: () => Promise.reject(new Error('no REST here')), explainFailure: () => Promise.reject(new Error('unused')) } as unknown as LiveConnection['connection'];
          try {
            return await createPipeline().collect({ connection, engine }, { tabId: 1, app: { ...demoApp, appId: app.id }, settings, signal: new AbortController().signal, onProgress: () => undefined });
          } finally {
            await engine.close();
          }
        });
      const quick = await collect(DEFAULT_SETTINGS);
      expect(DEFAULT_TIMING_MODE).toBe('quick');
      expect(quick.timings?.mode).toBe('quick');
      expect(quick.timings?.objects.some((t) => t.cachedMs !== undefined)).toBe(false);
      const full = await collect({ ...DEFAULT_SETTINGS, timingMode: 'full' });
      expect(full.timings?.mode).toBe('full');
      expect(full.timings?.objects.filter((t) => !t.error).every((t) => t.cachedMs !== undefined)).toBe(true);
    } finally {
      await sim.close();
    }
  }, 120_000);
});
