// The connection specs evaluate lib/extension/connection + lib/qlik/engine inside the browser (the
// background does not expose them to tests): this bundles the same modules the background imports
// into one script, with only the entry point differing.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** A script that sets `globalThis.__qlarityTest = { connectToTab, openEngineSession }`. */
export async function bundleConnectionHarness(): Promise<string> {
  const result = await build({
    stdin: {
      contents: [
        "import { connectToTab } from './lib/extension/connection/connect';",
        "import { openEngineSession } from './lib/qlik/engine/session';",
        'globalThis.__qlarityTest = { connectToTab, openEngineSession };',
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    tsconfig: `${root}/tsconfig.json`,
    logLevel: 'silent',
    // Evaluated through DevTools, zod's eval probe passes but its compiled parsers then hit the
    // extension CSP; the real background.js fails the probe and runs jitless, as here.
    banner: { js: 'globalThis.__zod_globalConfig = { jitless: true };' },
  });
  return result.outputFiles[0].text;
}
