// What the generators share (scripts/gen-rules.ts, gen-rule-catalogue.ts, gen-engine-schema.ts):
// their files as path → content, compared with the disk, and the command line that either checks
// them (`--check`: exit 1 naming the stale ones) or writes the stale ones.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Generated files (path relative to the root → content) whose content on disk differs, or that are missing. */
export function staleFiles(generated: ReadonlyMap<string, string>): string[] {
  return [...generated.entries()]
    .filter(([path, content]) => {
      const full = join(ROOT, path);
      return !existsSync(full) || readFileSync(full, 'utf8') !== content;
    })
    .map(([path]) => path);
}

/** `--check` in the arguments: exit 1 when a file is stale, saying which and how to regenerate; otherwise write the stale files. */
export function checkOrWrite(generated: ReadonlyMap<string, string>, script: string): void {
  const stale = staleFiles(generated);
  if (process.argv.includes('--check')) {
    if (stale.length) {
      console.error(`stale: ${stale.join(', ')}. Run \`npx tsx ${script}\` to regenerate.`);
      process.exit(1);
    }
    console.log(`${[...generated.keys()].join(', ')} up to date`);
    return;
  }
  for (const path of stale) writeFileSync(join(ROOT, path), generated.get(path) ?? '');
  console.log(stale.length ? `${stale.join(', ')} written` : `${[...generated.keys()].join(', ')} up to date`);
}
