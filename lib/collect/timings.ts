// Per visualization: GetLayout + its first data page (unless the layout already holds it), first
// time then again right after (engine cache warm), in our own session. Each object is timed on its
// own: a few objects are in flight across the whole pass (`concurrency`, default 3), so one
// object's time is its own round trip and not the queueing behind its siblings (a Sense sheet
// asks all its objects at once, and each of those times would include the others' calculation).
// A sheet's time is then the sum of its objects' first times (rule P02). The QIX API has no
// per-object calc time (engine.md §3.20), so the client-side round trip is the measure.
import type { ObjectTiming, Timings, VisObject } from '../snapshot/schema.ts';
import type { NxPage, QixGenericObject } from '../qlik/engine/types.ts';
import { type CollectContext, addIssue, attempt, engineCall, isFatal, issueCode } from './context.ts';
import { calcCondMessage, findLayoutErrors, stripDataPages } from './layout.ts';
import { mapLimited } from './limiter.ts';

const now = (): number => globalThis.performance.now();
/** first page size like the Sense client: at most 10,000 cells (engine limit per page) */
const MAX_CELLS = 10_000;
const MAX_COLUMNS = 100;
/**
 * Objects timed at once across the whole pass. Small, so the engine's worker threads are not
 * saturated by us (a real engine calculates on several threads; more in flight would make each
 * object wait for the others again).
 */
export const DEFAULT_TIMING_CONCURRENCY = 3;

export interface TimingsResult {
  timings: ObjectTiming[];
  layouts: Map<string, unknown>;
}

type Target = Pick<VisObject, 'id' | 'type' | 'sheetId'>;

/** Times every object of `sheetObjects` (sheet id → its objects); results in sheet then tree order. */
export async function collectTimings(
  ctx: CollectContext,
  sheetObjects: ReadonlyMap<string, Target[]>,
  concurrency = DEFAULT_TIMING_CONCURRENCY,
): Promise<TimingsResult> {
  const targets = [...sheetObjects.entries()].flatMap(([sheetId, objects]) => objects.map((o) => ({ o, sheetId })));
  const layouts = new Map<string, unknown>();
  let done = 0;
  ctx.progress('timings', 0, targets.length);
  const results = await mapLimited(targets, concurrency, async ({ o, sheetId }) => {
    // the handle is not timed; then the object alone (at most `concurrency` objects in flight)
    const handle = await attempt(ctx, 'timings', () => engineCall(ctx, `GetObject ${o.id}`, () => ctx.doc.getObject(o.id), false), o.id);
    const timed = handle ? await timeObject(ctx, handle, o, sheetId) : undefined;
    if (timed?.layout !== undefined) layouts.set(o.id, timed.layout);
    ctx.progress('timings', ++done, targets.length);
    return timed?.timing;
  });
  return { timings: results.filter((t): t is ObjectTiming => t !== undefined), layouts };
}

async function timeObject(
  ctx: CollectContext,
  handle: QixGenericObject,
  o: Target,
  sheetId: string,
): Promise<{ timing: ObjectTiming; layout?: unknown }> {
  const base = { objectId: o.id, objectType: o.type, sheetId };
  let layout: unknown;
  let cells = 0;
  const pass = async (): Promise<number> => {
    const started = now();
    // not through the pool: queueing in our own pool must not count as engine time
    layout = await engineCall(ctx, `GetLayout ${o.id}`, () => handle.getLayout(), false);
    cells = await fetchFirstPage(ctx, handle, layout, o.id);
    return now() - started;
  };
  try {
    const firstMs = await pass();
    const firstLayout = layout;
    const cachedMs = await pass();
    return { timing: { ...base, firstMs, cachedMs, cellsFetched: cells }, layout: firstLayout };
  } catch (error) {
    if (isFatal(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    addIssue(ctx, 'timings', issueCode(error), message, o.id);
    return { timing: { ...base, firstMs: 0, cachedMs: 0, cellsFetched: 0, error: message }, layout };
  }
}

interface CubeLayout {
  qSize?: { qcx?: number; qcy?: number };
  qMode?: string;
  qError?: unknown;
  qDataPages?: { qArea?: { qWidth?: number; qHeight?: number } }[];
}

/**
 * First data page of the object's main hypercube (straight or pivot), when it has data and no
 * error. A layout that already carries it (qInitialDataFetch) needs no extra call, as in the Sense client.
 */
async function fetchFirstPage(ctx: CollectContext, handle: QixGenericObject, layout: unknown, id: string): Promise<number> {
  const cube = (layout as { qHyperCube?: CubeLayout } | undefined)?.qHyperCube;
  if (!cube || cube.qError || !cube.qSize) return 0;
  const initial = cube.qDataPages?.[0]?.qArea;
  if (initial && (initial.qWidth ?? 0) > 0 && (initial.qHeight ?? 0) > 0) return (initial.qWidth ?? 0) * (initial.qHeight ?? 0);
  const width = Math.min(cube.qSize.qcx ?? 0, MAX_COLUMNS);
  const height = Math.min(cube.qSize.qcy ?? 0, Math.floor(MAX_CELLS / Math.max(width, 1)));
  if (width <= 0 || height <= 0) return 0;
  const page: NxPage = { qLeft: 0, qTop: 0, qWidth: width, qHeight: height };
  if (cube.qMode === 'P') await engineCall(ctx, `GetHyperCubePivotData ${id}`, () => handle.getHyperCubePivotData('/qHyperCubeDef', [page]), false);
  else if (cube.qMode === undefined || cube.qMode === 'S') await engineCall(ctx, `GetHyperCubeData ${id}`, () => handle.getHyperCubeData('/qHyperCubeDef', [page]), false);
  else return 0;
  return width * height;
}

export function layoutFacts(layout: unknown): Pick<VisObject, 'layoutErrors'> & Partial<Pick<VisObject, 'layout' | 'calcCondMessage'>> {
  if (layout === undefined) return { layoutErrors: [] };
  const message = calcCondMessage(layout);
  return {
    layout: stripDataPages(layout) as Record<string, unknown>,
    layoutErrors: findLayoutErrors(layout),
    ...(message ? { calcCondMessage: message } : {}),
  };
}

export function timingsSummary(appOpenMs: number | undefined, objects: ObjectTiming[], concurrency: number, roundTripMs?: number): Timings {
  return {
    ...(appOpenMs !== undefined ? { appOpenMs } : {}),
    method: `GetLayout + first data page per object, twice (first, cached); each object on its own, ${concurrency} object(s) in flight across the pass; own engine session`,
    ...(roundTripMs !== undefined ? { roundTripMs } : {}),
    objects,
  };
}
