// How long the simulated engine works on a call, so that client-side timings behave like a
// real engine's:
// - the first GetLayout of an object in a session calculates it: `calcMs` (engine-behaviour.json,
//   else the cost model of data/cost.ts); a call that arrives while that calculation runs waits
//   for it instead of starting its own;
// - a later GetLayout of the same object in the session is answered from the result cache:
//   `cachedCalcMs`;
// - a data page (GetHyperCubeData / GetHyperCubePivotData / GetListObjectData) of a calculated
//   object only costs the page: PAGE_BASE_MS plus PAGE_MS_PER_THOUSAND_CELLS; asked before any
//   GetLayout it pays the calculation first;
// - calculations of all sessions of an app share ENGINE_WORKERS worker slots: concurrent calls
//   overlap instead of adding up, and queue once every slot is busy. A real engine calculates on
//   several threads at once (the App Evaluator measures it: `cpuQuotients` per pass and
//   `objSingleThreaded` for objects that use one thread, openapi apps.json `evaluation`)
//   [I: the number 4 and one slot per call are the simulator's assumption, not measured].
// The waits go through the session's `sleep`, so tests can record them instead of waiting.
import { isObject, type AppModel, type JsonObject, type StoredObject } from '../app/app-model';
import { calcCostMs } from '../data/cost';
import type { Ctx } from './context';
import { cubeModel } from './hypercube';
import { effectiveProperties } from './layout';

export const ENGINE_WORKERS = 4;
export const PAGE_BASE_MS = 1;
export const PAGE_MS_PER_THOUSAND_CELLS = 0.5;

const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});

/** At most `size` waits run at once; the others queue in arrival order. */
export class WorkerPool {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(readonly size: number) {}

  async run(ms: number, sleep: (ms: number) => Promise<void>): Promise<void> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      await sleep(ms);
    } finally {
      // hand the slot straight to the next caller, or free it
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const pools = new WeakMap<AppModel, WorkerPool>();

/** The worker slots of one app's engine (shared by all its sessions). */
export function enginePool(model: AppModel): WorkerPool {
  let pool = pools.get(model);
  if (!pool) {
    pool = new WorkerPool(ENGINE_WORKERS);
    pools.set(model, pool);
  }
  return pool;
}

/** calcMs / cachedCalcMs of an object with a hypercube or list object; undefined for anything else. */
function costOf(ctx: Ctx, stored: StoredObject): { calcMs: number; cachedCalcMs: number } | undefined {
  const { properties } = effectiveProperties(ctx, stored);
  if (!isObject(properties.qHyperCubeDef) && !isObject(properties.qListObjectDef)) return undefined;
  const behaviour = ctx.model.behaviour.objects[stored.id];
  if (behaviour?.calcMs !== undefined) return { calcMs: behaviour.calcMs, cachedCalcMs: behaviour.cachedCalcMs ?? Math.round(behaviour.calcMs * 0.05) };
  const list = obj(properties.qListObjectDef);
  const def = isObject(properties.qHyperCubeDef) ? properties.qHyperCubeDef : { qDimensions: [{ qDef: obj(list.qDef), qLibraryId: list.qLibraryId ?? '' }] };
  const cube = cubeModel(ctx, def, stored.id);
  return calcCostMs(ctx.model.dataModel, { fields: cube.dims.map((d) => d.field?.name ?? ''), cubeRows: cube.rows, measures: cube.measures.length });
}

/**
 * Makes sure the object was calculated in this session. Resolves true when this call did (or
 * waited for) the first calculation, false when the result was already cached.
 */
async function ensureCalculated(ctx: Ctx, stored: StoredObject, calcMs: number): Promise<boolean> {
  if (ctx.state.calculated.has(stored.id)) return false;
  const running = ctx.state.calculating.get(stored.id);
  if (running) {
    await running;
    return true;
  }
  const calculation = enginePool(ctx.model)
    .run(calcMs, ctx.sleep)
    .finally(() => {
      ctx.state.calculated.add(stored.id);
      ctx.state.calculating.delete(stored.id);
    });
  ctx.state.calculating.set(stored.id, calculation);
  await calculation;
  return true;
}

/** GetLayout: the first calculation, or the cached answer. */
export async function layoutCost(ctx: Ctx, stored: StoredObject): Promise<void> {
  const cost = costOf(ctx, stored);
  if (!cost) return;
  const firstHere = !ctx.state.calculated.has(stored.id) && !ctx.state.calculating.has(stored.id);
  const calculated = await ensureCalculated(ctx, stored, cost.calcMs);
  // a call that only waited for someone else's calculation still reads the cached result
  if (!calculated || !firstHere) await enginePool(ctx.model).run(cost.cachedCalcMs, ctx.sleep);
}

export function pageMs(cells: number): number {
  return Math.round((PAGE_BASE_MS + (cells / 1000) * PAGE_MS_PER_THOUSAND_CELLS) * 10) / 10;
}

/** A data page: the calculation if the object was not calculated yet, then the page itself. */
export async function pageCost(ctx: Ctx, stored: StoredObject, cells: number): Promise<void> {
  const cost = costOf(ctx, stored);
  if (cost) await ensureCalculated(ctx, stored, cost.calcMs);
  await enginePool(ctx.model).run(pageMs(cells), ctx.sleep);
}
