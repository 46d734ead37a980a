import { describe, expect, it } from 'vitest';
import { ensureBrowser, findBrowser } from '../../scripts/browsers/ensure';
import { isDebianLike, lookUpBrowser, type BrowserSystem } from '../../scripts/browsers/lookup';

const DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n';
const UBUNTU = 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n';
const FEDORA = 'NAME="Fedora Linux"\nID=fedora\n';

function fakeSystem(files: string[], overrides: Partial<BrowserSystem> = {}): BrowserSystem {
  const present = new Set(files);
  return { platform: 'linux', env: {}, exists: (path) => present.has(path), osRelease: DEBIAN, isRoot: false, ...overrides };
}

describe('browser lookup (scripts/browsers)', () => {
  it('uses CHROMIUM_PATH / FIREFOX_PATH as given, even over a browser in a usual place', () => {
    const system = fakeSystem(['/usr/bin/chromium', '/opt/my/chrome', '/opt/ff/firefox'], { env: { CHROMIUM_PATH: '/opt/my/chrome', FIREFOX_PATH: '/opt/ff/firefox' } });
    expect(lookUpBrowser('chromium', system)).toEqual({ outcome: 'found', browser: { kind: 'chromium', path: '/opt/my/chrome', flavour: 'chrome', source: 'CHROMIUM_PATH' } });
    expect(lookUpBrowser('firefox', system)).toMatchObject({ outcome: 'found', browser: { path: '/opt/ff/firefox', source: 'FIREFOX_PATH' } });
  });

  it('a variable pointing nowhere is reported, not replaced by another browser', () => {
    const system = fakeSystem(['/usr/bin/chromium'], { env: { CHROMIUM_PATH: '/nope/chromium' } });
    expect(lookUpBrowser('chromium', system)).toEqual({ outcome: 'missing', kind: 'chromium', message: 'CHROMIUM_PATH is set to /nope/chromium, which does not exist: fix CHROMIUM_PATH or unset it.' });
  });

  it('prefers Chromium over Chrome and Edge on Linux, and finds each where its packages put it', () => {
    expect(lookUpBrowser('chromium', fakeSystem(['/usr/bin/google-chrome-stable', '/usr/bin/chromium']))).toMatchObject({ browser: { path: '/usr/bin/chromium', flavour: 'chromium' } });
    expect(lookUpBrowser('chromium', fakeSystem(['/usr/bin/google-chrome-stable']))).toMatchObject({ browser: { path: '/usr/bin/google-chrome-stable', flavour: 'chrome' } });
    expect(lookUpBrowser('chromium', fakeSystem(['/opt/microsoft/msedge/msedge']))).toMatchObject({ browser: { flavour: 'edge' } });
    expect(lookUpBrowser('firefox', fakeSystem(['/usr/bin/firefox']))).toMatchObject({ browser: { path: '/usr/bin/firefox', flavour: 'firefox' } });
  });

  it('finds the browsers in their macOS and Windows install places', () => {
    const mac = fakeSystem(['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Firefox.app/Contents/MacOS/firefox'], { platform: 'darwin', osRelease: null });
    expect(lookUpBrowser('chromium', mac)).toMatchObject({ browser: { flavour: 'chrome' } });
    expect(lookUpBrowser('firefox', mac)).toMatchObject({ outcome: 'found' });
    const env = { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local', PROGRAMFILES: 'C:\\Program Files', 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' };
    const windows = fakeSystem(['C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', 'C:\\Program Files\\Mozilla Firefox\\firefox.exe'], { platform: 'win32', osRelease: null, env });
    expect(lookUpBrowser('chromium', windows)).toMatchObject({ browser: { path: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe', flavour: 'edge' } });
    expect(lookUpBrowser('firefox', windows)).toMatchObject({ browser: { path: 'C:\\Program Files\\Mozilla Firefox\\firefox.exe' } });
  });

  it('none found on Debian or Ubuntu as root: installable with apt (chromium, firefox-esr)', () => {
    for (const osRelease of [DEBIAN, UBUNTU]) {
      const system = fakeSystem([], { osRelease, isRoot: true });
      expect(lookUpBrowser('chromium', system)).toEqual({ outcome: 'install', kind: 'chromium', aptPackage: 'chromium', installedPath: '/usr/bin/chromium' });
      expect(lookUpBrowser('firefox', system)).toEqual({ outcome: 'install', kind: 'firefox', aptPackage: 'firefox-esr', installedPath: '/usr/bin/firefox-esr' });
    }
  });

  it('none found and not installable here: one line naming the exact command', () => {
    expect(lookUpBrowser('chromium', fakeSystem([], { isRoot: false }))).toEqual({
      outcome: 'missing',
      kind: 'chromium',
      message: 'No Chromium found: run `sudo apt-get install chromium` (or set CHROMIUM_PATH to a Chromium, Chrome or Edge executable).',
    });
    expect(lookUpBrowser('firefox', fakeSystem([], { osRelease: FEDORA, isRoot: true }))).toEqual({
      outcome: 'missing',
      kind: 'firefox',
      message: 'No Firefox found: install Firefox (https://www.mozilla.org/firefox/), or set FIREFOX_PATH to its executable.',
    });
    const mac = lookUpBrowser('chromium', fakeSystem([], { platform: 'darwin', osRelease: null, isRoot: true }));
    expect(mac).toMatchObject({ outcome: 'missing', message: 'No Chromium found: install Chromium, Google Chrome or Microsoft Edge, or set CHROMIUM_PATH to its executable.' });
  });

  it('reads Debian-likeness from /etc/os-release', () => {
    expect(isDebianLike(DEBIAN)).toBe(true);
    expect(isDebianLike(UBUNTU)).toBe(true);
    expect(isDebianLike('ID=linuxmint\nID_LIKE="ubuntu debian"\n')).toBe(true);
    expect(isDebianLike(FEDORA)).toBe(false);
    expect(isDebianLike(null)).toBe(false);
  });
});

describe('ensureBrowser', () => {
  it('says it installs first, runs apt-get update then install, and returns the installed browser', () => {
    const files = new Set<string>();
    const events: string[] = [];
    const system = fakeSystem([], { isRoot: true, exists: (path) => files.has(path) });
    const browser = ensureBrowser('firefox', {
      system,
      say: (line) => events.push(`say: ${line}`),
      runApt: (args) => {
        events.push(`apt-get ${args.join(' ')}`);
        if (args[0] === 'install') files.add('/usr/bin/firefox-esr');
      },
    });
    expect(browser).toMatchObject({ path: '/usr/bin/firefox-esr', flavour: 'firefox' });
    expect(events[0]).toBe("say: No Firefox found: installing Debian's firefox-esr with apt-get (running as root)…");
    expect(events.slice(1)).toEqual(['apt-get update -qq', 'apt-get install -y -qq --no-install-recommends firefox-esr']);
  });

  it('an install that leaves no browser is an error, not a silent fallback', () => {
    const system = fakeSystem([], { isRoot: true });
    expect(() => ensureBrowser('chromium', { system, say: () => {}, runApt: () => {} })).toThrow('apt-get installed chromium but /usr/bin/chromium is not there.');
  });

  it('findBrowser never installs: it names the command instead', () => {
    expect(() => findBrowser('chromium', fakeSystem([], { isRoot: true }))).toThrow('No Chromium found: `npm test` and `npm run demo` install it, or run `apt-get install chromium`.');
    expect(findBrowser('chromium', fakeSystem(['/usr/bin/chromium'])).path).toBe('/usr/bin/chromium');
  });
});
