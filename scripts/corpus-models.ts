// `npm run corpus-models [-- --check]`: derives the data model of each corpus app
// (../shared/corpus/<app>) from its load script into test/fixtures/corpus-models/<app>/tables-and-keys.json,
// plus the reviewed additions in test/fixtures/corpus-models/<app>/additions.json. How and why:
// test/fixtures/corpus-models/README.md. --check: exit 1 when a committed model differs from what
// the script gives now (the corpus test runs the same comparison).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadAppFolder } from '../test/sim/app/index';
import { readScriptModel, tablesAndKeysFromScript, type ModelAddition } from '../test/sim/data/script-model';

export const CORPUS_DIR = fileURLToPath(new URL('../../shared/corpus', import.meta.url));
export const MODELS_DIR = fileURLToPath(new URL('../test/fixtures/corpus-models', import.meta.url));

export function readAdditions(app: string): ModelAddition[] {
  const path = join(MODELS_DIR, app, 'additions.json');
  if (!existsSync(path)) return [];
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { fields?: ModelAddition[] };
  for (const a of parsed.fields ?? []) if (!a.table || !a.field || !a.why) throw new Error(`${path}: every addition needs table, field and why`);
  return parsed.fields ?? [];
}

export interface DerivedModel {
  app: string;
  text: string;
  unresolved: string[];
}

export async function deriveCorpusModels(): Promise<DerivedModel[]> {
  const out: DerivedModel[] = [];
  for (const app of readdirSync(CORPUS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const { script } = await loadAppFolder(join(CORPUS_DIR, app));
    const model = tablesAndKeysFromScript(script, readAdditions(app));
    out.push({ app, text: `${JSON.stringify(model, null, 1)}\n`, unresolved: readScriptModel(script).unresolved });
  }
  return out;
}

async function main(): Promise<void> {
  if (!existsSync(CORPUS_DIR)) {
    console.error(`corpus-models: ${CORPUS_DIR} is absent, nothing to derive`);
    process.exit(2);
  }
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const { app, text, unresolved } of await deriveCorpusModels()) {
    const path = join(MODELS_DIR, app, 'tables-and-keys.json');
    const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (check) {
      if (current !== text) {
        stale++;
        console.error(`${app}: ${path} is not what the script gives now (run npm run corpus-models)`);
      }
      continue;
    }
    mkdirSync(join(MODELS_DIR, app), { recursive: true });
    writeFileSync(path, text);
    const tables = (JSON.parse(text) as { qtr: { qFields: unknown[] }[] }).qtr;
    console.log(`${app}: ${tables.length} tables, ${tables.reduce((n, t) => n + t.qFields.length, 0)} fields → ${path}`);
    for (const note of unresolved) console.log(`  not followed: ${note}`);
  }
  if (stale > 0) process.exit(1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
