import preact from '@preact/preset-vite';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { defineConfig } from 'wxt';
import { DEV_PUBLIC_KEY } from './scripts/dev-extension-key';
import { stripRuleTextsPlugin } from './scripts/vite/strip-rule-texts';

const ICON_SIZES = [16, 32, 48, 128] as const;
const icons = Object.fromEntries(ICON_SIZES.map((size) => [size, `icon/${size}.png`]));

/** Hosts Qlarity may reach without asking: Qlik Cloud and Qlik Cloud Government tenants. */
export const QLIK_CLOUD_HOSTS = ['https://*.qlikcloud.com/*', 'https://*.qlikcloudgov.com/*'];

// Extension pages run only our bundled scripts: no remote code, no eval, no plugins, no <base>.
// connect-src stays open (https:/wss:) because custom tenant domains are only known at run time,
// and host permissions (not CSP) decide which of them the extension may talk to.
const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export default defineConfig({
  manifestVersion: 3,
  // Explicit imports everywhere, so the architecture test can see browser/WXT use in imports.
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Qlarity',
    description:
      'Analyses the Qlik Sense app in the current tab: quality, performance, data model and unused fields.',
    icons,
    action: { default_title: 'Qlarity', default_icon: icons },
    // activeTab: while the user has the popup open, Qlarity may read the tab's URL (to offer access
    // to a custom Qlik domain) without a standing permission for every site.
    // identity: OAuth sign-in through identity.launchWebAuthFlow (no install warning).
    // declarativeNetRequestWithHostAccess: API-key mode sets `Authorization` on the extension's own
    // engine WebSocket handshake with a session rule (lib/extension/connection/api-key-rule.ts); it
    // acts only where host access exists and has no install warning (Chrome "Permissions list").
    permissions: [
      'storage',
      'scripting',
      'activeTab',
      'identity',
      'declarativeNetRequestWithHostAccess',
      ...(browser === 'chrome' ? ['sidePanel'] : []),
    ],
    host_permissions: QLIK_CLOUD_HOSTS,
    // Custom domains and Qlik Sense Enterprise on Windows: asked for at run time, on a click.
    optional_host_permissions: ['https://*/*'],
    content_security_policy: { extension_pages: EXTENSION_PAGES_CSP },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'qlarity@qlarity.dev',
              // 128: MAIN-world scripting and optional_host_permissions in MV3.
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          // 116: chrome.sidePanel.open() and MV3 WebSocket keep-alive in service workers.
          minimum_chrome_version: '116',
          // Pins the unpacked id for dev and tests; removed from the store zip (see hooks).
          key: DEV_PUBLIC_KEY,
        }),
  }),
  hooks: {
    // The Chrome Web Store rejects manifests with `key`; the zip must not carry it, the unpacked
    // build must keep it (the e2e tests and allow-listed web integrations rely on its id).
    'zip:extension:start': async (wxt) => {
      if (wxt.config.browser !== 'chrome') return;
      await rewriteManifest(wxt.config.outDir, ({ key: _key, ...rest }) => rest);
    },
    'zip:extension:done': async (wxt) => {
      if (wxt.config.browser !== 'chrome') return;
      await rewriteManifest(wxt.config.outDir, (manifest) => ({ ...manifest, key: DEV_PUBLIC_KEY }));
    },
  },
  zip: {
    // Only what a reviewer needs to rebuild the extension from source.
    excludeSources: ['reports/**', 'demo-output/**', 'test-results/**', '**/*.log', '.ci/**', 'test/**', 'bench/**'],
  },
  vite: () => ({
    // the background's build leaves out the rule texts the service worker never reads
    plugins: [preact(), stripRuleTextsPlugin()],
    // QLARITY_SOURCEMAP=1 npx wxt build: source maps, to see what each bundle holds (the budgets
    // in test/arch/bundle-budget.test.ts count the build without them). QLARITY_MINIFY=0: not
    // minified, for CPU profiles with readable names (bench/profile-browser.ts).
    build: { sourcemap: process.env.QLARITY_SOURCEMAP === '1', ...(process.env.QLARITY_MINIFY === '0' ? { minify: false } : {}) },
  }),
});

async function rewriteManifest(
  outDir: string,
  change: (manifest: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const file = path.join(outDir, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  await writeFile(file, JSON.stringify(change(manifest)));
}
