// Per visualization: GetLayout + its first data page (unless the layout already holds it), first
// time then, in the full mode, again right after (engine cache warm), in our own session; the quick
// mode measures the first calculation only (what P02 and the report's times use; P01's cached
// threshold then has nothing to judge). Sheets are timed one after
// another; within a sheet a few objects at a time (`concurrency`), fewer than the engine has
// calculation threads, so an object's round trip is its own calculation and not the queue behind
// its siblings: rule P01 flags the object itself, and rule P02 sums a sheet's object times
// (rules-catalogue.md), which would count the queueing twice if the whole sheet were asked at once.
// The second (cached) pass of a sheet starts once its first pass is done. Object handles are
// fetched up front through the pool (not timed). A pass that a connection drop ran through is not
// a calculation time and is reported as not measured. The QIX API has no per-object calc time
// (engine.md §3.20), so the client-side round trip is the measure.
import { type ObjectTiming, TIMINGS_STOPPED, type Timings, type VisObject } from '../snapshot/schema';
import { EngineError } from '../qlik/engine/errors';
import type { NxPage, QixGenericObject } from '../qlik/engine/types';
import { type CollectContext, addIssue, attempt, connectionEpoch, engineCall, isFatal, issueCode } from './context';
import { calcCondMessage, findLayoutErrors, stripDataPages } from './layout';
import { mapLimited } from './limiter';
import { DEFAULT_TIMING_MODE, type TimingMode } from '../snapshot/timing-mode';

const now = (): number => globalThis.performance.now();
const NOT_TIMED_SILENT = 'Not timed: the engine stopped answering during the timing pass.';
/** first page size like the Sense client: at most 10,000 cells (engine limit per page) */
const MAX_CELLS = 10_000;
const MAX_COLUMNS = 100;
/**
 * Objects of one sheet in flight at once: below the simulated engine's 4 calculation workers
 * (test/sim/engine/calc-cost.ts) and any real engine's core count, so objects do not queue behind
 * each other; the demo oracle (test/lib/rules/demo-app.test.ts) checks that planted times come out
 * as modelled.
 */
export const DEFAULT_TIMING_CONCURRENCY = 3;

export interface TimingsResult {
  timings: ObjectTiming[];
  layouts: Map<string, unknown>;
}

type Target = Pick<VisObject, 'id' | 'type' | 'sheetId'>;

/**
 * How to run the pass: objects of a sheet at once, quick or full, and the caller's hooks: stop it
 * (the reason, a string, is what unmeasured objects say), and each finished sheet.
 */
export interface TimingOptions {
  concurrency?: number;
  mode?: TimingMode;
  /** aborted: the sheet in flight and the following ones are not timed; its reason (a string) says why, on each object and in the one TIMINGS_STOPPED issue */
  stop?: AbortSignal;
  /**
   * after each sheet (timed or not): the results so far, and how many sheets are done. The next
   * sheet waits for its promise: work done here (analysing what was measured) never runs while an
   * object is being timed, so it cannot inflate a round trip.
   */
  onSheet?(sofar: TimingsResult, sheetsDone: number): void | Promise<void>;
}

const stopMessage = (stop: AbortSignal): string =>
  typeof stop.reason === 'string' ? stop.reason : 'Not timed: the timing pass was stopped from this sheet on.';

class Stopped extends Error {}

/** Rejects with Stopped once `stop` is aborted; the abandoned calls' outcome is ignored. */
function unlessStopped<T>(work: Promise<T>, stop: AbortSignal | undefined): Promise<T> {
  if (!stop) return work;
  work.catch(() => {});
  return new Promise<T>((resolve, reject) => {
    const onStop = (): void => reject(new Stopped());
    if (stop.aborted) return onStop();
    stop.addEventListener('abort', onStop, { once: true });
    work.then(resolve, reject).finally(() => stop.removeEventListener('abort', onStop));
  });
}

interface Pass {
  ms: number;
  layout: unknown;
  cells: number;
}

/** Times every object of `sheetObjects` (sheet id → its objects); results in sheet then tree order. */
export async function collectTimings(
  ctx: CollectContext,
  sheetObjects: ReadonlyMap<string, Target[]>,
  { concurrency = DEFAULT_TIMING_CONCURRENCY, mode = DEFAULT_TIMING_MODE, stop, onSheet }: TimingOptions = {},
): Promise<TimingsResult> {
  const targets = [...sheetObjects.entries()].flatMap(([sheetId, objects]) => objects.map((o) => ({ o, sheetId })));
  const layouts = new Map<string, unknown>();
  let done = 0;
  ctx.progress('timings', 0, targets.length);
  // handles first, pipelined through the pool; not part of any time
  const handles = await Promise.all(
    targets.map(({ o }) => attempt(ctx, 'timings', () => engineCall(ctx, `GetObject ${o.id}`, () => ctx.doc.getObject(o.id)), o.id)),
  );
  const handleOf = new Map(targets.map((t, i) => [t.o.id, handles[i]]));
  const timings: ObjectTiming[] = [];
  let stoppedAnswering: EngineError | undefined;
  const notTimed = (o: Target, sheetId: string, error: string): ObjectTiming => ({ objectId: o.id, objectType: o.type, sheetId, firstMs: 0, ...(mode === 'full' ? { cachedMs: 0 } : {}), cellsFetched: 0, error });
  let sheetsDone = 0;
  const sheetDone = async (): Promise<void> => onSheet?.({ timings, layouts }, ++sheetsDone);
  for (const [sheetId, objects] of sheetObjects) {
    // the user stopped the pass: what was measured stays; one issue on the first sheet not measured
    // (not one per sheet: a stop is one event), and every object not measured says why
    const notMeasured = async (why: AbortSignal): Promise<void> => {
      if (!ctx.issues.some((i) => i.code === TIMINGS_STOPPED)) addIssue(ctx, 'timings', TIMINGS_STOPPED, stopMessage(why), sheetId);
      for (const o of objects) timings.push(notTimed(o, sheetId, stopMessage(why)));
      await sheetDone();
    };
    if (stop?.aborted) {
      await notMeasured(stop);
      continue;
    }
    if (stoppedAnswering) {
      // the engine went silent on an earlier sheet: what was collected stays, these are not timed
      for (const o of objects) timings.push(notTimed(o, sheetId, NOT_TIMED_SILENT));
      await sheetDone();
      continue;
    }
    const present = objects.filter((o) => handleOf.get(o.id));
    // not through the pool: queueing in our own pool must not count as engine time
    const pass = (o: Target): Promise<Pass | Error> => timePass(ctx, handleOf.get(o.id) as QixGenericObject, o.id).catch(nonFatal);
    let first: (Pass | Error)[];
    let second: (Pass | Error)[] | undefined;
    try {
      first = await unlessStopped(mapLimited(present, concurrency, pass), stop);
      second = mode === 'full' ? await unlessStopped(mapLimited(present, concurrency, (o, i) => (first[i] instanceof Error ? Promise.resolve(first[i]) : pass(o))), stop) : undefined;
    } catch (error) {
      if (error instanceof Stopped && stop) {
        await notMeasured(stop);
        continue;
      }
      // The timing pass runs last and times each object alone: an engine that stops answering on a
      // heavy object ends the session (lib/qlik/engine/timeouts.ts), but everything else is in
      // hand, so the snapshot keeps it and says which objects were not timed and why.
      if (!(error instanceof EngineError && error.kind === 'unresponsive')) throw error;
      stoppedAnswering = error;
      addIssue(ctx, 'timings', 'ENGINE_UNRESPONSIVE', `${error.message} The objects of this and the following sheets were not timed.`, sheetId);
      for (const o of objects) timings.push(notTimed(o, sheetId, NOT_TIMED_SILENT));
      await sheetDone();
      continue;
    }
    present.forEach((o, i) => {
      const base = { objectId: o.id, objectType: o.type, sheetId };
      const a = first[i];
      const b = second?.[i];
      const layout = layoutOf(a) ?? layoutOf(b);
      if (layout !== undefined) layouts.set(o.id, layout);
      const error = a instanceof Error ? a : b instanceof Error ? b : undefined;
      if (error || !a) {
        const e = error ?? new Error('Not timed.');
        addIssue(ctx, 'timings', e instanceof PassInterrupted ? e.code : issueCode(e), e.message, o.id);
        timings.push({ ...base, firstMs: 0, ...(mode === 'full' ? { cachedMs: 0 } : {}), cellsFetched: 0, error: e.message });
      } else {
        const cached = b as Pass | undefined;
        timings.push({ ...base, firstMs: (a as Pass).ms, ...(cached ? { cachedMs: cached.ms } : {}), cellsFetched: (cached ?? (a as Pass)).cells });
      }
    });
    done += objects.length;
    ctx.progress('timings', done, targets.length);
    await sheetDone();
  }
  return { timings, layouts };
}

/**
 * A timed pass a connection drop ran through: its round trip holds the backoff and reconnect, and
 * timing the object again would meet an engine that may have calculated it already (warm cache),
 * so neither is its calculation time: the object is reported as not measured.
 */
class PassInterrupted extends Error {
  readonly code = 'CONNECTION_DROPPED';
  /** the layout is still the object's layout, only its time is not */
  constructor(readonly layout: unknown) {
    super('Not timed: the engine connection dropped while this object was being timed (it was resumed), so no round trip is its calculation time.');
  }
}

function layoutOf(pass: Pass | Error | undefined): unknown {
  if (pass instanceof PassInterrupted) return pass.layout;
  return pass instanceof Error ? undefined : pass?.layout;
}

function nonFatal(error: unknown): Error {
  if (isFatal(error)) throw error;
  return error instanceof Error ? error : new Error(String(error));
}

/** One pass: the layout and the first data page, timed from the first request to the last answer. */
async function timePass(ctx: CollectContext, handle: QixGenericObject, id: string): Promise<Pass> {
  const epoch = connectionEpoch(ctx);
  const started = now();
  const layout = await engineCall(ctx, `GetLayout ${id}`, () => handle.getLayout(), false);
  const cells = await fetchFirstPage(ctx, handle, layout, id);
  const ms = now() - started;
  if (connectionEpoch(ctx) !== epoch) throw new PassInterrupted(layout);
  return { ms, layout, cells };
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

export function timingsSummary(appOpenMs: number | undefined, objects: ObjectTiming[], concurrency: number, mode: TimingMode, roundTripMs?: number): Timings {
  return {
    ...(appOpenMs !== undefined ? { appOpenMs } : {}),
    mode,
    method: `GetLayout + first data page per object, ${mode === 'full' ? 'twice (first, cached)' : 'once (first calculation only)'}; the objects of one sheet together (at most ${concurrency} object(s) in flight), sheets one after another; own engine session`,
    ...(roundTripMs !== undefined ? { roundTripMs } : {}),
    objects,
  };
}
