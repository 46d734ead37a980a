// `npm test`: every suite, in order, then one plain closing line `N passed, N failed`.
// Checks without their own test count (typecheck, lint, builds, web-ext lint) count as one
// test each; Vitest and Playwright are counted from their JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = 'reports';
mkdirSync(reports, { recursive: true });
const unitReport = `${reports}/unit.json`;
const e2eReport = `${reports}/e2e.json`;
rmSync(unitReport, { force: true });
rmSync(e2eReport, { force: true });
// The end-to-end tests write every view's screenshots here (test/e2e/screens.ts): this run's only.
rmSync(`${reports}/screenshots`, { recursive: true, force: true });

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];

function run(label, command, args) {
  const t0 = Date.now();
  console.log(`\n::: ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  const ok = result.status === 0;
  console.log(`::: ${label}: ${ok ? 'ok' : `FAILED (exit ${result.status})`} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return ok;
}

function check(label, command, args) {
  if (run(label, command, args)) passed++;
  else {
    failed++;
    failures.push(label);
  }
}

function countVitest(path) {
  if (!existsSync(path)) {
    failed++;
    failures.push('unit tests (no report)');
    return;
  }
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  // A test file that fails to load has no tests but is a failure all the same.
  const brokenSuites = (report.testResults ?? []).filter((s) => s.status === 'failed' && s.assertionResults.length === 0);
  failed += brokenSuites.length;
  if (report.numFailedTests > 0 || brokenSuites.length > 0) failures.push('unit tests');
}

function countPlaywright(path) {
  if (!existsSync(path)) {
    failed++;
    failures.push('end-to-end tests (no report)');
    return;
  }
  const { stats } = JSON.parse(readFileSync(path, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
  skipped += stats.skipped;
  if (stats.unexpected > 0) failures.push('end-to-end tests');
}

const npx = 'npx';
// The end-to-end suite's browsers: found where people have them, installed with apt on Debian or
// Ubuntu as root, or `npm test` stops here with the one line that says what to run
// (scripts/browsers). The suites below get the paths through CHROMIUM_PATH / FIREFOX_PATH.
const browsers = spawnSync(npx, ['tsx', 'scripts/browsers/ensure.ts', 'chromium', 'firefox'], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (browsers.status !== 0) {
  console.log('0 passed, 1 failed, 0 skipped');
  process.exit(1);
}
for (const line of browsers.stdout.split('\n')) {
  const [name, ...value] = line.split('=');
  if (name === 'CHROMIUM_PATH' || name === 'FIREFOX_PATH') process.env[name] = value.join('=');
}
check('typecheck', npx, ['tsc', '--noEmit']);
check('lint', npx, ['eslint', '.']);
check('build chrome', npx, ['wxt', 'build']);
check('build firefox', npx, ['wxt', 'build', '-b', 'firefox']);
check('web-ext lint', npx, ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--no-input']);
run('unit tests', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`]);
countVitest(unitReport);
run('end-to-end tests', npx, ['playwright', 'test']);
countPlaywright(e2eReport);

if (failures.length) console.log(`\nfailed: ${failures.join(', ')}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
