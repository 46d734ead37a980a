import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setTimingsSkipped, timingsSkipped } from '../../../lib/extension/timing-choice';

describe('the timing pass skipped per app', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is measured by default, skipped for the app the user chose, and measured again once turned back on', async () => {
    expect(await timingsSkipped('app-1')).toBe(false);
    await setTimingsSkipped('app-1', true);
    expect(await timingsSkipped('app-1')).toBe(true);
    expect(await timingsSkipped('app-2')).toBe(false);
    await setTimingsSkipped('app-2', true);
    await setTimingsSkipped('app-1', false);
    expect(await timingsSkipped('app-1')).toBe(false);
    expect(await timingsSkipped('app-2')).toBe(true);
  });

  it('reads a damaged stored choice as "measure every app"', async () => {
    await fakeBrowser.storage.local.set({ skippedTimings: { 'app-1': 'yes please' } });
    expect(await timingsSkipped('app-1')).toBe(false);
    await setTimingsSkipped('app-2', true);
    expect(await timingsSkipped('app-2')).toBe(true);
  });
});
