// The real analysis steps, wired for the background:
// connect  = the connection helper's connectToTab (mode from settings) + our own engine session
//            under a fresh identity (never the user's, so their selections stay untouched);
// collect  = lib/collect's collectApp over that session and the mode's REST fetch; when the mode
//            cannot reach the engine (API-key mode in Chromium: the header rule is not applied to
//            the WebSocket handshake, connection/api-key-rule.ts), collectRestOnly: what REST
//            gives, the engine parts listed as not collected, and a note that says so;
// analyse  = lib/analyze's analysis (pure) with the rule settings and the app's hidden findings,
//            progressive over one run's reports (lib/analyze/progressive.ts);
// disconnect closes the engine session and releases the connection (bridge, header rule).
// Engine and REST failures are explained by the connection (what happened, what to do).
import { browser } from 'wxt/browser';
import { createProgressiveAnalysis, type ProgressiveAnalysis } from '../analyze/progressive';
import { collectApp } from '../collect/index';
import { collectRestOnly } from '../collect/rest-only';
import { engineUnavailableNote } from '../snapshot/engine-unavailable';
import { openEngineSession, type EngineSession } from '../qlik/engine/session';
import { createRestClient } from '../qlik/rest/client';
import { baseUrlOf } from '../qlik/url';
import { analysisConfigOf } from './settings/read';
import { connectionFor } from './settings/host-connection';
import { appFactsOf, timingCoverageOf, topFindingsOf } from '../report/analysis-report';
import { appKeyOf } from './app-key';
import { RULES } from '../rules/index';
import type { AppSnapshot } from '../snapshot/schema';
import type { AnalysisContext, AnalysisSteps } from './analysis';
import { TAB_GONE_MESSAGE } from './bridge/client';
import { connectToTab, newAnalysisIdentity, type QlikConnection } from './connection/connect';
import { QlarityError } from './errors';
import { loadSuppressions } from './suppressions';

const RULE_SUMMARY = new Map(RULES.map((r) => [r.code, r.summary]));
const ruleSummary = (code: string) => RULE_SUMMARY.get(code);

export interface LiveConnection {
  connection: QlikConnection;
  /** absent: the engine cannot be reached in this mode, only REST is read */
  engine?: EngineSession;
}

/** Why a REST-only run left parts out: each engine-only part carries it, the note repeats it. */
export const ENGINE_UNAVAILABLE_REASON =
  "the engine is not reachable in API-key mode in this browser (it does not send the key on the engine connection): use 'My Qlik session' mode for the full analysis";

/** The engine refused us only because this mode cannot authenticate its handshake (lib/qlik/errors.ts). */
async function engineUnreachableInMode(connection: QlikConnection, error: unknown): Promise<boolean> {
  if (connection.mode !== 'api-key') return false;
  try {
    return (await connection.explainFailure(error)).code === 'api-key-no-engine';
  } catch {
    return false;
  }
}

/** Turns an engine/REST failure into the connection's explanation, as a QlarityError. */
async function explained(connection: QlikConnection, error: unknown): Promise<unknown> {
  if (error instanceof Error && error.name === 'AbortError') return error;
  try {
    const problem = await connection.explainFailure(error);
    return new QlarityError(problem.code, `${problem.message} ${problem.action}`.trim());
  } catch {
    return error;
  }
}

export function createPipeline(): AnalysisSteps<LiveConnection, AppSnapshot> {
  const analyses = new WeakMap<AnalysisContext, ProgressiveAnalysis>();
  return {
    async connect({ tabId, settings, signal }) {
      const connection = await connectToTab(tabId, (host) => connectionFor(settings, host));
      if (!connection.engineAvailable) return { connection };
      try {
        const engine = await openEngineSession({
          url: baseUrlOf(connection.app),
          appId: connection.app.appId,
          createSocket: (url) => connection.createSocket(url),
          identity: newAnalysisIdentity(),
          signal,
          // a closed or reloaded Qlik tab takes the in-tab bridge with it: no socket can come back
          shouldResume: (drop) => drop.reason !== TAB_GONE_MESSAGE,
        });
        return { connection, engine };
      } catch (error) {
        if (!signal.aborted && (await engineUnreachableInMode(connection, error))) return { connection };
        const reason = await explained(connection, error);
        connection.close();
        throw reason;
      }
    },
    async collect({ connection, engine }, { app, settings, signal, onProgress, onPartial, stopTimings, skipTimings }) {
      const rest = createRestClient({ baseUrl: baseUrlOf(connection.app), fetch: connection.fetch, signal });
      const source = { host: app.host, mode: 'extension', collectorVersion: browser.runtime.getManifest().version } as const;
      try {
        if (!engine) {
          return await collectRestOnly({
            rest,
            appId: connection.app.appId,
            source,
            engineUnavailable: ENGINE_UNAVAILABLE_REASON,
            onProgress: ({ phase, done, total }) => onProgress(done, total, phase === 'rest' ? 'REST only (no engine in this mode)' : phase),
            signal,
          });
        }
        return await collectApp({
          engine,
          rest,
          appId: connection.app.appId,
          source,
          // the user may skip the timing pass for this app, or stop it (Cancel, Skip) while it runs;
          // quick or full from the options page (absent: the collector's default)
          timings: skipTimings ? false : { ...(stopTimings ? { stop: stopTimings } : {}), ...(settings.timingMode ? { mode: settings.timingMode } : {}) },
          ...(onPartial ? { onPartial } : {}),
          // a dropped engine connection being resumed (lib/qlik/engine/session.ts): say so
          onProgress: ({ phase, done, total }) =>
            phase === 'reconnecting' ? onProgress(done, total, `(connection lost, reconnecting: attempt ${done} of ${total})`) : onProgress(done, total, phase),
          signal,
        });
      } catch (error) {
        throw await explained(connection, error);
      }
    },
    // The user's rule settings and the findings they hid for this app (see suppressions.ts).
    // Every result of one run carries the run's start, so its partial reports and its final one are one history entry.
    // One progressive analysis per run (the run's context is the same object for all its reports):
    // a report during the timing pass re-runs only the rules whose inputs it changed (lib/analyze/progressive.ts).
    analyse: async (snapshot, run) => {
      const config = { ...analysisConfigOf(run.settings), suppressions: await loadSuppressions(appKeyOf(run.app)) };
      let analysis = analyses.get(run);
      if (!analysis) {
        const { startedAt } = run;
        analysis = createProgressiveAnalysis({ rules: RULES, ...(startedAt !== undefined ? { now: () => new Date(startedAt) } : {}) });
        analyses.set(run, analysis);
      }
      return analysis(snapshot, config).result;
    },
    timingCoverage: (snapshot, { skipTimings }) => timingCoverageOf(snapshot, skipTimings === true),
    facts: (snapshot, result) => appFactsOf(result, snapshot),
    top: (snapshot, result) => topFindingsOf(result, snapshot, ruleSummary),
    limitation: (snapshot) => engineUnavailableNote(snapshot),
    async disconnect({ connection, engine }) {
      await engine?.close().catch(() => {});
      connection.close();
    },
  };
}
