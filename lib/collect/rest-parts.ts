// The REST parts: data metadata, reloads (+ metadata with statements and the log of the newest
// reload and of the newest successful one), the
// newest app evaluation, the items entry and space, themes and extensions. Each part that fails
// (403 for a viewer, 404, network) becomes a collection issue; the others go on.
import type { Extension, ReloadInfo, ReloadMetadata, Theme } from '../snapshot/schema';
import {
  getAppItem,
  getDataMetadata,
  getEvaluations,
  getExtensions,
  getReloadLog,
  getReloadMetadata,
  getReloads,
  getSpace,
  getThemes,
} from '../qlik/rest/endpoints';
import { type CollectContext, attempt, restCall } from './context';

type Loose = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The reload log can be large; keep the first 2 M characters (the statements that matter come first and last: note it is cut). */
export const RELOAD_LOG_MAX_CHARS = 2_000_000;

export interface RestParts {
  metadata?: Loose;
  reloads?: ReloadInfo;
  evaluation?: Loose;
  item?: Loose;
  space?: Loose;
  themes?: Theme[];
  extensions?: Extension[];
}

export async function collectRestParts(ctx: CollectContext, spaceId: string | undefined): Promise<RestParts> {
  if (!ctx.rest) return {};
  const [metadata, reloads, evaluation, item, space, themes, extensions] = await Promise.all([
    attempt(ctx, 'metadata', () => restCall(ctx, (r) => getDataMetadata(r, ctx.appId))),
    collectReloads(ctx),
    attempt(ctx, 'evaluation', async () => {
      const list = await restCall(ctx, (r) => getEvaluations(r, ctx.appId));
      return newestFinished(list.data);
    }),
    attempt(ctx, 'item', async () => (await restCall(ctx, (r) => getAppItem(r, ctx.appId))).data[0]),
    spaceId ? attempt(ctx, 'space', () => restCall(ctx, (r) => getSpace(r, spaceId))) : undefined,
    attempt(ctx, 'themes', async () => (await restCall(ctx, (r) => getThemes(r))).data.map(toTheme)),
    attempt(ctx, 'extensions', async () => (await restCall(ctx, (r) => getExtensions(r))).data.flatMap(toExtension)),
  ]);
  return {
    ...(metadata ? { metadata } : {}),
    ...(reloads ? { reloads } : {}),
    ...(evaluation ? { evaluation } : {}),
    ...(item ? { item } : {}),
    ...(space ? { space } : {}),
    ...(themes ? { themes } : {}),
    ...(extensions ? { extensions } : {}),
  };
}

function newestFinished(data: Loose[]): Loose | undefined {
  const finished = data.filter((e) => e.status === undefined || e.status === 'finished');
  return finished.sort((a, b) => String(b.ended ?? b.timestamp ?? '').localeCompare(String(a.ended ?? a.timestamp ?? '')))[0];
}

function toTheme(t: Loose): Theme {
  return { ...t, ...(str(t.id) ? { id: str(t.id) } : {}), ...(str(t.name) ? { name: str(t.name) } : {}) };
}

function toExtension(e: Loose): Extension[] {
  const name = str(e.name) ?? str(e.qextFilename);
  return name ? [{ ...e, name }] : [];
}

async function collectReloads(ctx: CollectContext): Promise<ReloadInfo | undefined> {
  const list = await attempt(ctx, 'reloads', () => restCall(ctx, (r) => getReloads(r, ctx.appId, 10)));
  if (!list) return undefined;
  const reloads = list.data.map((r) => {
    const durationMs = durationOf(r.startTime, r.endTime);
    return { ...r, ...(durationMs !== undefined ? { durationMs } : {}) };
  });
  const newest = reloads[0];
  if (!newest) return { reloads, metadata: [] };
  // S02 reads the newest reload; S03–S06 the newest successful one (the data the app holds).
  const successful = reloads.find((r) => SUCCEEDED.has(r.status.toUpperCase()));
  const [newestDetails, successfulDetails] = await Promise.all([
    reloadDetails(ctx, newest.id),
    successful && successful.id !== newest.id ? reloadDetails(ctx, successful.id) : undefined,
  ]);
  const metadata = [...(newestDetails.metadata ?? []), ...(successfulDetails?.metadata ?? [])];
  const successfulLog = successful?.id === newest.id ? newestDetails.log : successfulDetails?.log;
  return {
    reloads,
    metadata,
    ...(newestDetails.log ? { lastLog: { reloadId: newest.id, ...newestDetails.log } } : {}),
    ...(successful
      ? { lastSuccessful: { reloadId: successful.id, ...(successfulLog ? { log: { reloadId: successful.id, ...successfulLog } } : {}) } }
      : {}),
  };
}

/** Reload statuses whose data the app holds (REST `reloads` status `SUCCEEDED`). */
const SUCCEEDED = new Set(['SUCCEEDED', 'SUCCESS', 'OK']);

async function reloadDetails(ctx: CollectContext, reloadId: string): Promise<{ metadata?: ReloadMetadata[]; log?: { text: string; truncated: boolean } }> {
  const [metadata, log] = await Promise.all([
    attempt(ctx, 'reloads', async () => {
      const answer = await restCall(ctx, (r) => getReloadMetadata(r, ctx.appId, reloadId));
      return answer.data.map((m) => toReloadMetadata(m, reloadId));
    }, reloadId),
    attempt(ctx, 'reloads', () => restCall(ctx, (r) => getReloadLog(r, ctx.appId, reloadId, RELOAD_LOG_MAX_CHARS)), reloadId),
  ]);
  return { ...(metadata ? { metadata } : {}), ...(log ? { log: { text: log.text, truncated: log.truncated } } : {}) };
}

export function durationOf(start: unknown, end: unknown): number | undefined {
  const s = typeof start === 'string' ? Date.parse(start) : NaN;
  const e = typeof end === 'string' ? Date.parse(end) : NaN;
  return Number.isFinite(s) && Number.isFinite(e) && e >= s ? e - s : undefined;
}

export function toReloadMetadata(m: Loose, fallbackReloadId: string): ReloadMetadata {
  const statements = Array.isArray(m.statements) ? (m.statements as Loose[]) : [];
  const reloadMeta = (m.reload_meta ?? m.reloadMeta ?? {}) as Loose;
  const cpu = num(m.cpuTimeSpentMs) ?? num(reloadMeta.cpu_time_spent_ms);
  const peak = num(m.peakMemoryBytes) ?? num(reloadMeta.peak_memory_bytes) ?? num(m.fullReloadPeakMemoryBytes);
  return {
    ...m,
    reloadId: str(m.reloadId) ?? fallbackReloadId,
    statements,
    ...(cpu !== undefined ? { cpuTimeSpentMs: cpu } : {}),
    ...(peak !== undefined ? { peakMemoryBytes: peak } : {}),
  };
}
