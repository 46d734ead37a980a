// Per visualization: GetLayout + its first data page (unless the layout already holds it), first
// pass then again (engine cache warm), in
// our own session. One sheet's objects are asked together, as the Sense client does when a sheet
// opens; a few sheets run at once (`sheetConcurrency`). The QIX API has no per-object calc time
// (engine.md §3.20), so the client-side round trip is the measure; `roundTripMs` gives its floor.
import type { ObjectTiming, Timings, VisObject } from '../snapshot/schema.ts';
import type { NxPage, QixGenericObject } from '../qlik/engine/types.ts';
import { type CollectContext, addIssue, attempt, engineCall, isFatal, issueCode } from './context.ts';
import { calcCondMessage, findLayoutErrors, stripDataPages } from './layout.ts';
import { mapLimited } from './limiter.ts';

const now = (): number => globalThis.performance.now();
/** first page size like the Sense client: at most 10,000 cells (engine limit per page) */
const MAX_CELLS = 10_000;
const MAX_COLUMNS = 100;

export interface TimingsResult {
  timings: ObjectTiming[];
  layouts: Map<string, unknown>;
}

type Target = Pick<VisObject, 'id' | 'type' | 'sheetId'>;

export async function collectTimings(
  ctx: CollectContext,
  sheetObjects: ReadonlyMap<string, Target[]>,
  sheetConcurrency: number,
): Promise<TimingsResult> {
  const timings: ObjectTiming[] = [];
  const layouts = new Map<string, unknown>();
  const sheets = [...sheetObjects.entries()];
  const total = sheets.reduce((n, [, objects]) => n + objects.length, 0);
  let done = 0;
  ctx.progress('timings', 0, total);
  await mapLimited(sheets, sheetConcurrency, async ([sheetId, objects]) => {
    // handles first (not timed), then the sheet's objects together
    const handles = await Promise.all(
      objects.map((o) => attempt(ctx, 'timings', () => engineCall(ctx, `GetObject ${o.id}`, () => ctx.doc.getObject(o.id)), o.id)),
    );
    await Promise.all(
      objects.map(async (o, i) => {
        const handle = handles[i];
        if (handle) {
          const timing = await timeObject(ctx, handle, o, sheetId);
          timings.push(timing.timing);
          if (timing.layout !== undefined) layouts.set(o.id, timing.layout);
        }
        ctx.progress('timings', ++done, total);
      }),
    );
  });
  return { timings, layouts };
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

export function timingsSummary(appOpenMs: number | undefined, objects: ObjectTiming[], sheetConcurrency: number, roundTripMs?: number): Timings {
  return {
    ...(appOpenMs !== undefined ? { appOpenMs } : {}),
    method: `GetLayout + first data page per object, twice (first, cached); a sheet's objects together, ${sheetConcurrency} sheet(s) at a time; own engine session`,
    ...(roundTripMs !== undefined ? { roundTripMs } : {}),
    objects,
  };
}
