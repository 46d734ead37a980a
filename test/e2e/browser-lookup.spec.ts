// The browser lookup's Chrome / Edge path end to end: branded Chrome (137+) and Edge ignore
// `--load-extension` ("Google Chrome and Microsoft Edge removed the command-line flags needed to
// side-load extensions", playwright.dev/docs/chrome-extensions), so for them launchWithExtension
// loads the build over DevTools (Extensions.loadUnpacked). Debian's Chromium under a Chrome-like
// name takes that path here: the extension must load and its popup must render.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrowser } from '../../scripts/browsers/ensure';
import { lookUpBrowser } from '../../scripts/browsers/lookup';
import { extensionWorker, launchWithExtension } from './browser';
import { startSimulator } from '../sim/index';

test('a Chrome-flavoured browser gets the extension over DevTools, not --load-extension', async () => {
  const real = findBrowser('chromium').path;
  const dir = mkdtempSync(join(tmpdir(), 'qlarity-chrome-like-'));
  const chromeLike = join(dir, 'google-chrome');
  symlinkSync(real, chromeLike);
  const previous = process.env.CHROMIUM_PATH;
  process.env.CHROMIUM_PATH = chromeLike;
  const sim = await startSimulator();
  try {
    expect(lookUpBrowser('chromium', { platform: process.platform, env: process.env, exists: () => true, osRelease: null, isRoot: false })).toMatchObject({ browser: { flavour: 'chrome' } });
    const context = await launchWithExtension(sim);
    try {
      const worker = await extensionWorker(context);
      const extensionId = new URL(worker.url()).host;
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      await expect(popup.locator('body')).toContainText('Qlarity');
    } finally {
      await context.close();
    }
  } finally {
    if (previous === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = previous;
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
