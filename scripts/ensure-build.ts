// Builds .output/chrome-mv3 when it is missing or older than any source: for `npm run demo` and
// the browser bench, which drive the built extension.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROME_BUILD } from '../test/e2e/browser';

const root = fileURLToPath(new URL('..', import.meta.url));
/** What the build reads: the extension's sources and the build's configuration with the local modules it imports (scripts/vite, the dev key). */
export const BUILD_SOURCES = ['entrypoints', 'components', 'lib', 'public', 'wxt.config.ts', 'scripts/vite', 'scripts/dev-extension-key.ts', 'package.json'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

export function ensureBuild(): void {
  const manifest = path.join(CHROME_BUILD, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const sources = Math.max(...BUILD_SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (built >= sources) return;
  console.error(built ? 'The extension build is older than the sources: rebuilding…' : 'Building the extension…');
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
  if (result.status !== 0) throw new Error('`npx wxt build` failed (see above).');
}
