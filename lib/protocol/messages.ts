// Every runtime message between the extension's own pages (popup, side panel, options) and the
// background, declared once. Requests carry `type`; the background answers with a Reply envelope.
// Events are one-way notices from the background to whichever pages are open.
// (Messages between the Qlik page and the content relay live in lib/protocol/bridge.ts.)
import { z } from '../schema/zod';
import { AnalysedApp, AnalysisReport, StoredAnalysis } from './report';
import { AnalysisRun, ErrorInfo } from './run';
import { Settings } from './settings';
import { FindingTarget } from './report';
import { TabId, TabState } from './tab-state';

const request = <T extends string, S extends z.core.$ZodShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), ...shape });

/** Request schema and response schema per message type. */
export const requests = {
  /** What the tab holds: a Qlik app (with its current run), something else, or nothing. */
  'get-tab-state': {
    request: request('get-tab-state', { tabId: TabId }),
    response: TabState,
  },
  /** Start analysing the app in the tab (an analysis already running there is reused). */
  'start-analysis': {
    request: request('start-analysis', { tabId: TabId }),
    response: AnalysisRun,
  },
  'cancel-analysis': {
    request: request('cancel-analysis', { tabId: TabId }),
    response: z.object({ cancelled: z.boolean() }),
  },
  /** During the timing pass: end it (the run keeps what was measured) and skip it in the app's next analyses. */
  'skip-timings': {
    request: request('skip-timings', { tabId: TabId }),
    response: z.object({ skipped: z.boolean() }),
  },
  /** Turns the app's timing pass back on (or off) for its next analyses. */
  'set-timings-skipped': {
    request: request('set-timings-skipped', { appKey: z.string().check(z.minLength(1)), skipped: z.boolean() }),
    response: z.object({ skipped: z.boolean() }),
  },
  /** The last finished report for an app (see appKeyOf), or null. */
  'get-last-result': {
    request: request('get-last-result', { appKey: z.string().check(z.minLength(1)) }),
    response: z.nullable(AnalysisReport),
  },
  /**
   * The last full analysis (result + snapshot, hidden findings applied) of an app, or null. The
   * side panel reads the same IndexedDB directly (lib/extension/last-analysis.ts) because a
   * snapshot can be several MB; this request serves pages or tools that cannot.
   */
  'get-last-analysis': {
    request: request('get-last-analysis', { appKey: z.string().check(z.minLength(1)) }),
    response: z.nullable(StoredAnalysis),
  },
  /** Bring what a finding points at into view in the Qlik tab. */
  'show-in-app': {
    request: request('show-in-app', { tabId: TabId, target: FindingTarget }),
    response: z.object({ shown: z.boolean(), detail: z.string() }),
  },
  /**
   * The tenant said "not signed in": open its own login page in a tab (returning to the app on the
   * tenant, never to an extension page) and run the analysis again once `/api/v1/users/me` is 200.
   */
  'log-in': {
    request: request('log-in', { tabId: TabId }),
    response: z.object({ loginTabId: z.nullable(TabId) }),
  },
  /** The apps with a stored analysis, newest first (the options page offers them for per-app rules). */
  'list-analysed-apps': {
    request: request('list-analysed-apps', {}),
    response: z.array(AnalysedApp),
  },
  'get-settings': {
    request: request('get-settings', {}),
    response: Settings,
  },
  'set-settings': {
    request: request('set-settings', { settings: Settings }),
    response: Settings,
  },
} as const;

export type RequestType = keyof typeof requests;
export type RequestOf<K extends RequestType> = z.infer<(typeof requests)[K]['request']>;
export type ResponseOf<K extends RequestType> = z.infer<(typeof requests)[K]['response']>;
/** A request's fields without `type`. */
export type PayloadOf<K extends RequestType> = Omit<RequestOf<K>, 'type'>;

const requestSchemas = Object.values(requests).map((entry) => entry.request);
export const AnyRequest = z.discriminatedUnion('type', [requestSchemas[0], ...requestSchemas.slice(1)]);
export type AnyRequest = z.infer<typeof AnyRequest>;

export const REQUEST_TYPES = Object.keys(requests) as RequestType[];

/** The background's answer: the response, or an error that survives structured cloning. */
export function replySchema<T extends z.core.$ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorInfo }),
  ]);
}
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** One-way notices from the background. */
export const events = {
  /** A run changed phase or progress. */
  'analysis-progress': z.object({ type: z.literal('analysis-progress'), tabId: TabId, run: AnalysisRun }),
  /** What a tab holds changed (navigation, permission granted). */
  'tab-state-changed': z.object({ type: z.literal('tab-state-changed'), tabId: TabId }),
} as const;

export type EventType = keyof typeof events;
export type EventOf<K extends EventType> = z.infer<(typeof events)[K]>;

export const AnyEvent = z.discriminatedUnion('type', [events['analysis-progress'], events['tab-state-changed']]);
export type AnyEvent = z.infer<typeof AnyEvent>;
