import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: 'Qlarity',
    description: 'Analyses the Qlik Sense app in the current tab: quality, performance, data model and unused fields.',
    permissions: ['storage', 'scripting', ...(browser === 'chrome' ? ['sidePanel'] : [])],
    host_permissions: ['https://*.qlikcloud.com/*', 'https://*.qlikcloudgov.com/*'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'qlarity@qlarity.dev',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { minimum_chrome_version: '116' }),
  }),
  vite: () => ({
    plugins: [preact()],
  }),
});
