// The messages about one tab's app, which the popup and the side panel send (and the events they
// listen to): schemas only, so that a page loads just the schemas of the answers it parses.
// The whole table the background serves is lib/protocol/messages.ts.
import { z } from '../schema/zod';
import { request } from './envelope';
import { AnalysisReport, FindingTarget } from '../report/report-schema';
import { AnalysisRun } from './run';
import { TabId, TabState } from './tab-state';

export const tabRequests = {
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
} as const;

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
