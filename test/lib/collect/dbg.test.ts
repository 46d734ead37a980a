import { it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLargeApp } from '../../fixtures/generate-large-app.ts';
import { loadAppFolder } from '../../sim/app/index.ts';
import { startSimulator } from '../../sim/index.ts';
import { connectWs } from './sim-harness.ts';
import { collectApp } from '../../../lib/collect/index.ts';
it('d', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'q-'));
  const app = await loadAppFolder(await generateLargeApp(dir, { sheets: 100 }));
  const sim = await startSimulator({ apps: [app], http: true, latencyMs: 20 });
  const probe = await connectWs(sim, app.id);
  for (let i = 0; i < 20; i++) await probe.engine.doc.checkExpression('1');
  await probe.engine.close();
  sim.reset();
  const { engine, rest } = await connectWs(sim, app.id);
  const frames: string[] = [];
  (engine as unknown as { doc: { session: { on: (e: string, f: (...a: unknown[]) => void) => void } } }).doc.session.on('traffic:received', (d) => frames.push(JSON.stringify(d)));
  (engine as unknown as { doc: { session: { on: (e: string, f: (...a: unknown[]) => void) => void } } }).doc.session.on('traffic:sent', (d) => frames.push('>> ' + JSON.stringify(d)));
  try { await collectApp({ engine, rest, appId: app.id, source: { host: 'x', mode: 'test' } }); console.log('OK'); } catch (e) { console.log('ERR', (e as Error).message); console.log(frames.filter((f) => f.includes('qlarity-') || f.includes('"id":1,') || f.includes('"id":2,')|| f.includes('"id":3,')|| f.includes('"id":4,')|| f.includes('"id":5,')|| f.includes('"id":6,')|| f.includes('"id":7,')|| f.includes('"id":8,')).slice(0, 30).join('\n')); }
  await engine.close(); await sim.close();
}, 60000);
