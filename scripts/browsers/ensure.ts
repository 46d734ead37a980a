// The browser lookup on the real machine (./lookup.ts decides; this file looks and installs).
// - findBrowser: the browser to use, or an error whose message names the command to run.
// - ensureBrowser: the same, but on Debian or Ubuntu as root a missing browser is installed with apt
//   (saying so first), as `npm test` and `npm run demo` do.
// - As a command (`tsx scripts/browsers/ensure.ts chromium firefox`): ensures each and prints
//   `CHROMIUM_PATH=…` / `FIREFOX_PATH=…` lines on stdout for scripts/test-all.mjs; a browser that
//   cannot be had ends it with exit 1 and the one-line message on stderr.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APT_PACKAGES, lookUpBrowser, type BrowserKind, type BrowserSystem, type FoundBrowser } from './lookup';

export type { BrowserKind, FoundBrowser } from './lookup';

function readOsRelease(): string | null {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return null;
  }
}

export function thisSystem(): BrowserSystem {
  return {
    platform: process.platform,
    env: process.env,
    exists: existsSync,
    osRelease: process.platform === 'linux' ? readOsRelease() : null,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
  };
}

export function findBrowser(kind: BrowserKind, system: BrowserSystem = thisSystem()): FoundBrowser {
  const lookup = lookUpBrowser(kind, system);
  if (lookup.outcome === 'found') return lookup.browser;
  if (lookup.outcome === 'missing') throw new Error(lookup.message);
  throw new Error(`No ${kind === 'firefox' ? 'Firefox' : 'Chromium'} found: \`npm test\` and \`npm run demo\` install it, or run \`apt-get install ${lookup.aptPackage}\`.`);
}

/** Runs apt-get with its output on stderr (stdout may be read by a script). */
function apt(args: string[]): void {
  const result = spawnSync('apt-get', args, { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) throw new Error(`\`apt-get ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}): install ${args.at(-1)} yourself, or set ${args.at(-1) === 'chromium' ? 'CHROMIUM_PATH' : 'FIREFOX_PATH'}.`);
}

/** The package lists are refreshed once per run (per apt runner, so tests stay independent). */
const refreshedBy = new WeakSet<(args: string[]) => void>();

export interface EnsureOptions {
  system?: BrowserSystem;
  say?: (line: string) => void;
  runApt?: (args: string[]) => void;
}

export function ensureBrowser(kind: BrowserKind, { system = thisSystem(), say = (line) => console.error(line), runApt = apt }: EnsureOptions = {}): FoundBrowser {
  const lookup = lookUpBrowser(kind, system);
  if (lookup.outcome === 'found') return lookup.browser;
  if (lookup.outcome === 'missing') throw new Error(lookup.message);
  say(`No ${kind === 'firefox' ? 'Firefox' : 'Chromium, Chrome or Edge'} found: installing Debian's ${lookup.aptPackage} with apt-get (running as root)…`);
  if (!refreshedBy.has(runApt)) {
    runApt(['update', '-qq']);
    refreshedBy.add(runApt);
  }
  runApt(['install', '-y', '-qq', '--no-install-recommends', lookup.aptPackage]);
  const after = lookUpBrowser(kind, system);
  if (after.outcome !== 'found') throw new Error(`apt-get installed ${lookup.aptPackage} but ${APT_PACKAGES[kind].installedPath} is not there.`);
  return after.browser;
}

const ENV_LINE: Record<BrowserKind, string> = { chromium: 'CHROMIUM_PATH', firefox: 'FIREFOX_PATH' };

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const kinds = process.argv.slice(2).filter((arg): arg is BrowserKind => arg === 'chromium' || arg === 'firefox');
  try {
    for (const kind of kinds) {
      const browser = ensureBrowser(kind);
      console.error(`${kind}: ${browser.path} (${browser.source})`);
      console.log(`${ENV_LINE[kind]}=${browser.path}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
