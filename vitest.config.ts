import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WxtVitest gives the in-memory fake `browser` (the sources import relatively, no aliases); it does not copy
  // the vite plugins of wxt.config.ts, so preact() is added here too.
  plugins: [WxtVitest(), preact()],
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Pure lib/ and simulator tests run in Node; component tests opt into happy-dom with
    // a `// @vitest-environment happy-dom` comment at the top of the file.
    environment: 'node',
    testTimeout: 20_000,
  },
});
