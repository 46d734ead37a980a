// Stops `npm test` and `npm run demo` on a Node older than package.json's `engines`, before
// anything else runs (plain JavaScript with no dependency, so it runs on any Node).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The lowest version a `>=X.Y.Z` range allows, as numbers ([] when the range has another form). */
export function minimumOf(range) {
  const match = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range ?? '');
  return match ? match.slice(1).map((part) => Number(part ?? 0)) : [];
}

export function isAtLeast(version, minimum) {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  for (let i = 0; i < minimum.length; i++) {
    if ((parts[i] ?? 0) !== minimum[i]) return (parts[i] ?? 0) > minimum[i];
  }
  return true;
}

export function nodeVersionProblem(version, range) {
  const minimum = minimumOf(range);
  if (minimum.length === 0 || isAtLeast(version, minimum)) return null;
  return `Qlarity needs Node ${minimum.join('.')} or newer (package.json engines "${range}"); this is Node ${version.replace(/^v/, '')}. Install a newer Node (https://nodejs.org) and run the command again.`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const problem = nodeVersionProblem(process.version, engines?.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
