// Progressive results (issue #20, item 1): the cost of analysing one partial snapshot during the
// timing pass, which is the pause between a sheet's timings and its findings (the timing pass
// waits for it: collectApp's onPartial). The collection bench's app (100 sheets, 2,000 objects,
// 10,000 expressions, 300 fields) is collected from the simulator in its own process at 0 ms
// latency; every 10th sheet's partial snapshot is analysed both ways, in turn:
// - before: every rule on the partial snapshot (lib/rules/analyse.ts), the baseline;
// - now: the run's progressive analysis (lib/analyze/progressive.ts), which re-runs only the rules
//   whose inputs the timing pass changed since its last update and reuses the expression parses.
// The first partial (the inventory) is a full analysis both ways and is not counted; the final
// snapshot, after the last partial, is measured on its own.
import { rm } from 'node:fs/promises';
import { nodeSocketFactory } from '../lib/cli/node-socket';
import { createProgressiveAnalysis } from '../lib/analyze/progressive';
import { collectApp } from '../lib/collect/index';
import { analyse } from '../lib/rules/analyse';
import { RULES } from '../lib/rules/index';
import type { AppSnapshot } from '../lib/snapshot/schema';
import { benchAppsDir, endpoint } from './bench-app';
import type { BenchResult } from './run';
import { startSimProcess } from './sim-process';

/** analyse the partial after every this many sheets (the extension reports every 1.5 s or more, a few sheets each) */
const EVERY = 10;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function timed<T>(work: () => T): { value: T; ms: number } {
  const from = performance.now();
  const value = work();
  return { value, ms: performance.now() - from };
}

export default async function partialBench(): Promise<BenchResult[]> {
  const dir = await benchAppsDir('qlarity-bench-partial-', { calcMs: 0, cachedCalcMs: 0 });
  const sim = await startSimProcess(dir, 0);
  try {
    const { headers, appId, open } = await endpoint(sim);
    const engine = await open(nodeSocketFactory({ headers }));
    const progressive = createProgressiveAnalysis({ rules: RULES });
    const before: number[] = [];
    const now: number[] = [];
    const rerun: number[] = [];
    let inventoryMs = NaN;
    let updates = 0;
    const analyseBoth = (snapshot: AppSnapshot, measured: number): void => {
      // the two take turns going first, so a change in the machine's load falls on both
      const full = (): number => timed(() => analyse(snapshot)).ms;
      const update = (): number => {
        const { value, ms } = timed(() => progressive(snapshot));
        if (measured > 0) rerun.push(value.ran.length);
        return ms;
      };
      const [fullMs, updateMs] = updates++ % 2 === 0 ? [full(), update()] : (([u, f]) => [f, u])([update(), full()]);
      if (measured === 0) inventoryMs = fullMs;
      else {
        before.push(fullMs);
        now.push(updateMs);
      }
    };
    let finalBefore = NaN;
    let finalNow = NaN;
    let finalRerun = NaN;
    try {
      const final = await collectApp({
        engine,
        appId,
        source: { host: 'bench', mode: 'test' },
        onPartial: (snapshot, { measured, total }) => {
          if (measured % EVERY === 0 || measured === total) analyseBoth(snapshot, measured);
        },
      });
      // the complete report: the final snapshot differs from the last partial only in when it was assembled
      finalBefore = timed(() => analyse(final)).ms;
      const last = timed(() => progressive(final));
      finalNow = last.ms;
      finalRerun = last.value.ran.length;
    } finally {
      await engine.close();
    }
    const what = `the bench app, the partial snapshot after every ${EVERY}th sheet (${before.length} updates, median)`;
    return [
      {
        name: `Analysis of a partial snapshot during the timing pass, ${what}: the rules whose inputs changed (the pause between a sheet's timings and its findings)`,
        value: median(now),
        unit: 'ms',
        baseline: { name: 'every rule on each partial (before)', value: median(before) },
      },
      { name: 'Rules re-run per partial update', value: median(rerun), unit: 'rules', baseline: { name: 'every rule', value: RULES.length } },
      {
        name: `Analysis of the final snapshot after the last partial update (the pause between the last sheet's timings and the complete report; ${finalRerun} rules re-run)`,
        value: finalNow,
        unit: 'ms',
        baseline: { name: 'every rule (before)', value: finalBefore },
      },
      { name: 'Analysis of the inventory (the first partial snapshot: every rule, both ways)', value: inventoryMs, unit: 'ms' },
    ];
  } finally {
    sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
