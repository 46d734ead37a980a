// collectApp: the whole app into one AppSnapshot, read-only (only session objects are created,
// and each is destroyed right after its layout is read), fast (independent parts run together,
// every engine call goes through one bounded pool so enigma.js pipelines them over the socket;
// list definitions bring whole inventories in one call; one property tree call per sheet).
// Order: 1) inventory, trees, data model, script, REST in parallel (parts.ts lists the collectors and
// the snapshot parts each fills); 2) expression checks (unique
// texts); 3) timings alone, so other traffic does not inflate them.
// A connection drop that the engine session resumes is not fatal: the calls it rejected are made
// again (context.ts), the drop is listed in collectionIssues (part "connection", with the reason),
// timings it ran through are marked not measured (timings.ts), and progress says
// "reconnecting" meanwhile. When the session gives up, the collection ends with its error.
import {
  type AppSnapshot,
  SNAPSHOT_SCHEMA_VERSION,
  type SnapshotSource,
  type VisObject,
} from '../snapshot/schema';
import { EngineError, closeCodeMessage } from '../qlik/engine/errors';
import { formatSeconds } from '../format/numbers';
import type { ConnectionEvent, Resume } from '../qlik/engine/session';
import type { QixDoc, QixGlobal } from '../qlik/engine/types';
import type { RestClient } from '../qlik/rest/client';
import { chartMeasureLabels } from '../snapshot/chart-labels';
import { buildAccess, buildAppInfo } from './app';
import { CollectionAborted, type CollectContext, type CollectProgress, addIssue, isFatal } from './context';
import { buildDataModel } from './data-model';
import { type ExpressionChecker, createExpressionChecker } from './expressions/checks';
import type { Extracted } from './expressions/extract';
import { extractAllExpressions, extractObject } from './expressions/index';
import { DEFAULT_CONCURRENCY, createLimiter } from './limiter';
import { onePerPercent } from './progress';
import { COUNTED_COLLECTORS, collectInventory } from './parts';
import type { SheetsPart } from './sheets';
import { DEFAULT_TIMING_MODE, type TimingMode } from '../snapshot/timing-mode';
import { DEFAULT_TIMING_CONCURRENCY, type TimingsResult, collectTimings, layoutFacts, timingsSummary } from './timings';

/** What collectApp needs from an open engine session (lib/qlik/engine/session.ts EngineSession fits). */
export interface CollectEngine {
  doc: QixDoc;
  global?: QixGlobal;
  appOpenMs?: number;
  engineVersion?: string;
  failure?: () => EngineError | undefined;
  failureSoon?: (ms?: number) => Promise<EngineError | undefined>;
  /** resume support (all three or none): without it a dropped connection ends the collection */
  resumes?: () => readonly Resume[];
  reconnected?: (epoch: number) => Promise<boolean>;
  onConnection?: (listener: (event: ConnectionEvent) => void) => () => void;
  close(): Promise<void>;
}

export interface CollectAppOptions {
  engine: CollectEngine;
  /** absent: REST parts are skipped and listed in collectionIssues */
  rest?: RestClient;
  appId: string;
  source: Omit<SnapshotSource, 'appId' | 'engineVersion'>;
  onProgress?: (progress: CollectProgress) => void;
  /** cancel: the engine session is closed and collectApp rejects with CollectionAborted */
  signal?: AbortSignal;
  /** engine requests in flight (default DEFAULT_CONCURRENCY) */
  concurrency?: number;
  /** false: skip the engine's expression checks (CheckExpression, GetFieldsFromExpression): the inventory alone, as a bench baseline */
  expressionChecks?: false;
  /**
   * false: skip the timing pass; or how many objects of a sheet to time at once (default
   * DEFAULT_TIMING_CONCURRENCY), whether to time the cached calculation too (default
   * DEFAULT_TIMING_MODE), and `stop`: aborted, the pass ends at once, the sheets not measured are
   * marked so (timings.ts TimingOptions) and collectApp returns what was measured
   */
  timings?: false | { concurrency?: number; mode?: TimingMode; stop?: AbortSignal };
  /**
   * The snapshot before the timing pass (everything else is in, the expression checks included:
   * timings empty, objects without layouts), then after each timed sheet, with the sheets measured
   * so far: a caller can analyse and show it at once. The timing pass waits for a returned promise
   * (no object is timed meanwhile, so the caller's work does not inflate a time); the snapshot is
   * the caller's. Not called when the timing pass is skipped.
   */
  onPartial?: (snapshot: AppSnapshot, sheets: { measured: number; total: number }) => void | Promise<void>;
  /** the whole collection's limit, ms (default DEFAULT_RUN_TIMEOUT_MS; 0: none) */
  timeoutMs?: number;
}

/**
 * 30 minutes for the whole collection. The engine session's own limits (lib/qlik/engine/timeouts.ts)
 * end a silent engine much sooner; this bounds an engine that keeps answering but never finishes
 * (one call that is never answered while others are). The bench's 2,000-object app collects in
 * seconds, so a run that needs half an hour is stuck, not slow.
 */
export const DEFAULT_RUN_TIMEOUT_MS = 30 * 60_000;

const now = (): number => globalThis.performance.now();

export async function collectApp(options: CollectAppOptions): Promise<AppSnapshot> {
  const started = now();
  const { engine } = options;
  // the caller's cancel and the run's limit end the collection the same way; the message differs
  const stop = new AbortController();
  const signal = stop.signal;
  const onCancel = (): void => stop.abort();
  if (options.signal?.aborted) stop.abort();
  options.signal?.addEventListener('abort', onCancel, { once: true });
  const runLimitMs = options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
  let timedOut = false;
  const runTimer = runLimitMs > 0 ? setTimeout(() => ((timedOut = true), stop.abort()), runLimitMs) : undefined;
  const onAbort = (): void => void engine.close();
  signal.addEventListener('abort', onAbort, { once: true });
  const { resumes, reconnected, onConnection } = engine;
  const ctx: CollectContext = {
    doc: engine.doc,
    ...(resumes && reconnected ? { connection: { resumes, reconnected } } : {}),
    ...(options.rest ? { rest: options.rest } : {}),
    appId: options.appId,
    issues: [],
    engineLimit: createLimiter(options.concurrency ?? DEFAULT_CONCURRENCY),
    restLimit: createLimiter(6),
    signal,
    sessionFailure: () => engine.failure?.(),
    progress: onePerPercent((phase, done, total) => options.onProgress?.({ phase, done, total })),
    releases: [],
  };
  const stopListening = onConnection?.((event) => {
    if (event.type === 'reconnecting') options.onProgress?.({ phase: 'reconnecting', done: event.attempt, total: event.attempts });
    if (event.type === 'resumed') addIssue(ctx, 'connection', 'CONNECTION_RESUMED', resumedMessage(event.resume));
  });
  try {
    if (signal.aborted) throw new CollectionAborted();
    const snapshot = await collect(ctx, options, started);
    await Promise.all(ctx.releases); // every session object is destroyed before we return
    // Typed, not re-parsed: every engine and REST answer was parsed where it came in, and the
    // snapshot is built from those values (parsing the whole snapshot again costs ~10% of a large
    // collection). Tests parse collectApp's output and require it unchanged (collect-app.test.ts).
    const result: AppSnapshot = { ...snapshot, collectionMs: now() - started };
    return result;
  } catch (error) {
    if (signal.aborted || error instanceof CollectionAborted) {
      await engine.close();
      if (timedOut) {
        throw new EngineError(
          `Collection stopped: the analysis did not finish within ${formatSeconds(runLimitMs)} (the limit for a whole run); the engine kept the app busy without finishing.`,
          'unresponsive',
        );
      }
      throw new CollectionAborted();
    }
    if (isFatal(error)) {
      // the call can fail before the socket's close code arrives: prefer the session's own reason
      const cause = (await engine.failureSoon?.()) ?? (error as EngineError);
      throw new EngineError(`Collection stopped: ${cause.message}`, cause.kind, cause.code);
    }
    throw error;
  } finally {
    clearTimeout(runTimer);
    stopListening?.();
    signal.removeEventListener('abort', onAbort);
    options.signal?.removeEventListener('abort', onCancel);
  }
}

function resumedMessage(resume: Resume): string {
  const reason = closeCodeMessage(resume.code, resume.reason);
  const attempts = `${resume.attempts} attempt${resume.attempts === 1 ? '' : 's'}`;
  const outcome = resume.attached
    ? 'in the same engine session (SESSION_ATTACHED): nothing was lost'
    : 'in a new engine session (the old one had ended): the app was opened again and the session objects in use were created again';
  return `The engine connection dropped after ${resume.messages} messages (${reason}) and was resumed after ${attempts}, ${outcome}; the calls it interrupted were made again.`;
}

async function collect(ctx: CollectContext, options: CollectAppOptions, started: number): Promise<Omit<AppSnapshot, 'collectionMs'>> {
  if (!ctx.rest) {
    ctx.issues.push({ part: 'metadata', code: 'NO_REST', message: 'No REST access: metadata, reloads, evaluations, themes and extensions were not collected.' });
  }
  let phasesDone = 0;
  ctx.progress('inventory', 0, COUNTED_COLLECTORS);

  // Each tree's expressions go to the engine checks as soon as it has arrived, each object's with
  // its own chart's measure labels (checks.ts); the checks wait only for the master measure labels.
  const checker = options.expressionChecks === false ? noChecks : createExpressionChecker(ctx);
  const extractedObjects = new Map<SheetsPart['objects'][number], Extracted>();
  const onObjects = (objects: SheetsPart['objects']): void => {
    for (const o of objects) {
      const part = extractObject(o);
      extractedObjects.set(o, part);
      // the labels cost a walk of the whole tree: only for expressions that will be checked
      if (checker !== noChecks && part.expressions.length > 0) checker.submit(part.expressions, chartMeasureLabels(o.properties));
    }
  };

  const inventory = await collectInventory(ctx, { checker, onObjects }, () => ctx.progress('inventory', ++phasesDone, COUNTED_COLLECTORS));
  const { app: appParts, sheets: sheetsPart, masterMeasures, masterDimensions, variables: vars, bookmarks, dataModel: modelSources, script, rest: restParts } = inventory;

  const app = buildAppInfo(appParts, options.appId);
  const dataModel = modelSources
    ? buildDataModel({ ...modelSources, ...(restParts.metadata ? { metadata: restParts.metadata as Parameters<typeof buildDataModel>[0]['metadata'] } : {}) })
    : undefined;

  const extracted = extractAllExpressions({ sheets: sheetsPart.sheets, objects: sheetsPart.objects, masterMeasures, masterDimensions, variables: vars }, extractedObjects);
  const expressions = await checker.finish(extracted.expressions);

  const timingOptions = options.timings;
  const timingConcurrency = timingOptions === false ? 0 : (timingOptions?.concurrency ?? DEFAULT_TIMING_CONCURRENCY);
  const timingMode = (timingOptions === false ? undefined : timingOptions?.mode) ?? DEFAULT_TIMING_MODE;
  const assemble = (timed: TimingsResult | undefined): Omit<AppSnapshot, 'collectionMs'> => ({
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    collectedAt: new Date().toISOString(),
    source: { ...options.source, appId: options.appId, ...(options.engine.engineVersion ? { engineVersion: options.engine.engineVersion } : {}) },
    access: buildAccess(appParts, script !== undefined),
    app,
    sheets: sheetsPart.sheets,
    objects: timed ? sheetsPart.objects.map((o): VisObject => ({ ...o, ...layoutFacts(timed.layouts.get(o.id)) })) : sheetsPart.objects.map((o): VisObject => ({ ...o, layoutErrors: [] })),
    masterMeasures,
    masterDimensions,
    masterVisualizations: sheetsPart.masterVisualizations,
    variables: vars,
    bookmarks,
    stories: sheetsPart.stories,
    ...(restParts.extensions ? { extensions: restParts.extensions } : {}),
    ...(restParts.themes ? { themes: restParts.themes } : {}),
    ...(dataModel ? { dataModel } : {}),
    ...(restParts.metadata ? { metadata: restParts.metadata } : {}),
    ...(restParts.reloads ? { reloads: restParts.reloads } : {}),
    ...(script ? { script } : {}),
    expressions,
    libraryReferences: extracted.libraryReferences,
    fieldReferences: extracted.fieldReferences,
    mentions: extracted.mentions,
    ...(timed ? { timings: timingsSummary(options.engine.appOpenMs, [...timed.timings], timingConcurrency, timingMode) } : {}),
    ...(restParts.evaluation ? { evaluation: restParts.evaluation } : {}),
    ...(restParts.item ? { item: restParts.item } : {}),
    ...(restParts.space ? { space: restParts.space } : {}),
    collectionIssues: [...ctx.issues],
  });
  if (timingOptions === false) {
    ctx.progress('done', 1, 1);
    return assemble(undefined);
  }
  const sheets = objectsBySheet(sheetsPart.objects);
  const partial = async (timed: TimingsResult, measured: number): Promise<void> => {
    if (options.onPartial) await options.onPartial({ ...assemble(timed), collectionMs: now() - started }, { measured, total: sheets.size });
  };
  await partial({ timings: [], layouts: new Map() }, 0);
  const timed = await collectTimings(ctx, sheets, { concurrency: timingConcurrency, mode: timingMode, ...(timingOptions?.stop ? { stop: timingOptions.stop } : {}), onSheet: partial });
  ctx.progress('done', 1, 1);
  return assemble(timed);
}

/** The checker when the engine's expression checks are skipped: expressions stay as extracted. */
const noChecks: ExpressionChecker = { setMasterLabels: () => undefined, submit: () => undefined, finish: async (expressions) => [...expressions] };


/** Sheet id → the objects on it (direct children and container children), in tree order. */
function objectsBySheet(objects: Pick<VisObject, 'id' | 'type' | 'sheetId'>[]): Map<string, Pick<VisObject, 'id' | 'type' | 'sheetId'>[]> {
  const map = new Map<string, Pick<VisObject, 'id' | 'type' | 'sheetId'>[]>();
  for (const o of objects) {
    if (o.sheetId === undefined) continue;
    map.set(o.sheetId, [...(map.get(o.sheetId) ?? []), o]);
  }
  return map;
}
