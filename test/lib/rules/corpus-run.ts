// The corpus apps (../shared/corpus, never copied into the project) served by the simulated tenant
// with the data models the project derived for them (test/fixtures/corpus-models), collected over
// the engine and REST like any tenant app and analysed. Shared by the corpus tests and
// `npm run corpus-report`. Nothing here knows a corpus app by name: the same collection and rules
// run on any app.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnalysisResult } from '../../../lib/analyze/result';
import { analyse } from '../../../lib/rules/analyse';
import { collectFromTenant } from '../../../lib/cli/collect-node';
import type { AppSnapshot } from '../../../lib/snapshot/schema';
import { startSimulator } from '../../sim/index';

export const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/corpus', import.meta.url));
export const CORPUS_MODELS_DIR = fileURLToPath(new URL('../../fixtures/corpus-models', import.meta.url));
export const CORPUS_EXPECTED_DIR = fileURLToPath(new URL('../../fixtures/corpus-expected', import.meta.url));

export function corpusPresent(): boolean {
  return existsSync(CORPUS_DIR);
}

export interface CorpusRun {
  /** the app's folder name in the corpus */
  app: string;
  title: string;
  notes: string[];
  snapshot: AppSnapshot;
  result: AnalysisResult;
}

export async function analyseCorpus(): Promise<CorpusRun[]> {
  const sim = await startSimulator({ http: true, appsDir: CORPUS_DIR, overlaysDir: CORPUS_MODELS_DIR });
  try {
    const runs: CorpusRun[] = [];
    for (const app of sim.apps) {
      const snapshot = await collectFromTenant({ host: sim.url, appId: app.id, apiKey: sim.apiKey, timings: false });
      runs.push({ app: basename(app.source), title: app.name, notes: app.notes, snapshot, result: analyse(snapshot) });
    }
    return runs;
  } finally {
    await sim.close();
  }
}
