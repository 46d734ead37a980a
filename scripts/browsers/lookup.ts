// Where a usable browser is on this machine, and what to do when there is none. Pure: the machine
// comes in as a `BrowserSystem`, so every case (found, installable with apt, not installable) is
// tested with a fake one. Used by the demo, `npm test` (before the end-to-end suite), the
// end-to-end specs and the benches, through ./ensure.ts.

export type BrowserKind = 'chromium' | 'firefox';

/**
 * How a Chromium-family browser takes an unpacked extension. Chromium takes `--load-extension`;
 * branded Google Chrome (137+) and Microsoft Edge ignore it ("Google Chrome and Microsoft Edge
 * removed the command-line flags needed to side-load extensions", playwright.dev/docs/chrome-extensions),
 * so those load it over DevTools (`Extensions.loadUnpacked`) instead.
 */
export type BrowserFlavour = 'chromium' | 'chrome' | 'edge' | 'firefox';

export interface BrowserSystem {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  /** /etc/os-release's text, or null where there is none. */
  osRelease: string | null;
  /** Whether this process runs as root (apt needs it). */
  isRoot: boolean;
}

export interface FoundBrowser {
  kind: BrowserKind;
  path: string;
  flavour: BrowserFlavour;
  /** Where it was found: the variable or the usual place. */
  source: string;
}

export type BrowserLookup =
  | { outcome: 'found'; browser: FoundBrowser }
  /** None found; apt can install `aptPackage` (Debian or Ubuntu, as root). */
  | { outcome: 'install'; kind: BrowserKind; aptPackage: string; installedPath: string }
  /** None found and none can be installed here: `message` is one line naming the command to run. */
  | { outcome: 'missing'; kind: BrowserKind; message: string };

const ENV_VARIABLE: Record<BrowserKind, string> = { chromium: 'CHROMIUM_PATH', firefox: 'FIREFOX_PATH' };

interface Candidate {
  path: string;
  flavour: BrowserFlavour;
}

function windowsCandidates(env: BrowserSystem['env'], kind: BrowserKind): Candidate[] {
  const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((root): root is string => !!root);
  const under = (suffix: string, flavour: BrowserFlavour) => roots.map((root) => ({ path: `${root}\\${suffix}`, flavour }));
  if (kind === 'firefox') return under('Mozilla Firefox\\firefox.exe', 'firefox');
  return [
    ...under('Chromium\\Application\\chrome.exe', 'chromium'),
    ...under('Google\\Chrome\\Application\\chrome.exe', 'chrome'),
    ...under('Microsoft\\Edge\\Application\\msedge.exe', 'edge'),
  ];
}

/** The usual install places, most suitable first (Chromium before the branded browsers). */
export function usualPlaces(kind: BrowserKind, system: Pick<BrowserSystem, 'platform' | 'env'>): Candidate[] {
  const { platform, env } = system;
  if (platform === 'win32') return windowsCandidates(env, kind);
  if (platform === 'darwin') {
    const apps = ['/Applications', ...(env.HOME ? [`${env.HOME}/Applications`] : [])];
    const inApps = (bundle: string, binary: string, flavour: BrowserFlavour) => apps.map((dir) => ({ path: `${dir}/${bundle}/Contents/MacOS/${binary}`, flavour }));
    if (kind === 'firefox') return inApps('Firefox.app', 'firefox', 'firefox');
    return [
      ...inApps('Chromium.app', 'Chromium', 'chromium'),
      ...inApps('Google Chrome.app', 'Google Chrome', 'chrome'),
      ...inApps('Microsoft Edge.app', 'Microsoft Edge', 'edge'),
    ];
  }
  if (kind === 'firefox') {
    return ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/usr/lib/firefox/firefox', '/snap/bin/firefox'].map((path) => ({ path, flavour: 'firefox' as const }));
  }
  return [
    { path: '/usr/bin/chromium', flavour: 'chromium' },
    { path: '/usr/bin/chromium-browser', flavour: 'chromium' },
    { path: '/snap/bin/chromium', flavour: 'chromium' },
    { path: '/usr/bin/google-chrome-stable', flavour: 'chrome' },
    { path: '/usr/bin/google-chrome', flavour: 'chrome' },
    { path: '/opt/google/chrome/chrome', flavour: 'chrome' },
    { path: '/usr/bin/microsoft-edge-stable', flavour: 'edge' },
    { path: '/usr/bin/microsoft-edge', flavour: 'edge' },
    { path: '/opt/microsoft/msedge/msedge', flavour: 'edge' },
  ];
}

/** The flavour of a browser given by path: from its file name, Chromium when unsure. */
export function flavourOfPath(kind: BrowserKind, path: string): BrowserFlavour {
  if (kind === 'firefox') return 'firefox';
  const name = path.toLowerCase();
  if (name.includes('edge')) return 'edge';
  if (name.includes('chromium')) return 'chromium';
  if (name.includes('chrome')) return 'chrome';
  return 'chromium';
}

/** Debian or Ubuntu (or a derivative that says it is like one), from /etc/os-release. */
export function isDebianLike(osRelease: string | null): boolean {
  if (!osRelease) return false;
  const field = (name: string) => new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(osRelease)?.[1]?.toLowerCase() ?? '';
  const ids = [field('ID'), ...field('ID_LIKE').split(/\s+/)];
  return ids.some((id) => id === 'debian' || id === 'ubuntu');
}

/** Debian's package for each kind, and where it installs the browser. */
export const APT_PACKAGES: Record<BrowserKind, { aptPackage: string; installedPath: string }> = {
  chromium: { aptPackage: 'chromium', installedPath: '/usr/bin/chromium' },
  firefox: { aptPackage: 'firefox-esr', installedPath: '/usr/bin/firefox-esr' },
};

function howToInstall(kind: BrowserKind, system: BrowserSystem): string {
  const variable = ENV_VARIABLE[kind];
  const { aptPackage } = APT_PACKAGES[kind];
  if (system.platform === 'linux' && isDebianLike(system.osRelease)) {
    return `run \`sudo apt-get install ${aptPackage}\` (or set ${variable} to a ${kind === 'firefox' ? 'Firefox' : 'Chromium, Chrome or Edge'} executable)`;
  }
  const what = kind === 'firefox' ? 'Firefox (https://www.mozilla.org/firefox/)' : 'Chromium, Google Chrome or Microsoft Edge';
  return `install ${what}, or set ${variable} to its executable`;
}

export function lookUpBrowser(kind: BrowserKind, system: BrowserSystem): BrowserLookup {
  const variable = ENV_VARIABLE[kind];
  const given = system.env[variable];
  if (given) {
    // Used as given: a wrong path is the user's to see, not ours to replace with another browser.
    if (!system.exists(given)) return { outcome: 'missing', kind, message: `${variable} is set to ${given}, which does not exist: fix ${variable} or unset it.` };
    return { outcome: 'found', browser: { kind, path: given, flavour: flavourOfPath(kind, given), source: variable } };
  }
  const place = usualPlaces(kind, system).find((candidate) => system.exists(candidate.path));
  if (place) return { outcome: 'found', browser: { kind, ...place, source: 'usual place' } };
  if (system.platform === 'linux' && isDebianLike(system.osRelease) && system.isRoot) return { outcome: 'install', kind, ...APT_PACKAGES[kind] };
  const name = kind === 'firefox' ? 'Firefox' : 'Chromium';
  return { outcome: 'missing', kind, message: `No ${name} found: ${howToInstall(kind, system)}.` };
}
