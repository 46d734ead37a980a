// How long Qlarity waits for the engine. QIX has no ping and no progress frames: while the engine
// calculates, the socket is quiet. So a limit is not "each call must be answered within N s" (with
// thousands of calls pipelined, a cheap call may wait behind the others and still be fine) but
// "while calls are waiting, the engine must answer *something* within the limit of the longest
// call waiting". An engine that answers nothing for that long is silent: the session ends with an
// error naming what was waiting (session.ts). A call that waits forever while others are answered
// is bounded by the whole run's limit (lib/collect DEFAULT_RUN_TIMEOUT_MS).

export interface EngineTimeouts {
  /** opening the WebSocket: TCP, TLS and the HTTP upgrade, up to the open event */
  connectMs: number;
  /** how long the engine may stay silent while only normal calls wait */
  callMs: number;
  /** how long the engine may stay silent while a long call (LONG_ENGINE_CALLS) waits */
  longCallMs: number;
}

/**
 * - connect 30 s: a handshake is a few round trips; a proxy that has not upgraded the socket in
 *   30 s is not going to.
 * - normal calls 60 s: metadata, lists, CheckExpression, GetFieldsFromExpression … take the
 *   engine milliseconds; a minute without any answer means the engine (or the path to it) is gone.
 * - long calls 300 s: OpenDoc loads the app's data into memory (minutes for a large app that is
 *   not in the engine's cache), and GetLayout / hypercube pages / EvaluateEx calculate over all of
 *   it (a heavy chart on a large app can take minutes; rule P01 exists to find those).
 */
export const DEFAULT_ENGINE_TIMEOUTS: EngineTimeouts = {
  connectMs: 30_000,
  callMs: 60_000,
  longCallMs: 300_000,
};

/** Calls that load or calculate over the app's data, or return a whole sheet: the long limit. */
export const LONG_ENGINE_CALLS: ReadonlySet<string> = new Set([
  'OpenDoc',
  'GetLayout',
  'GetHyperCubeData',
  'GetHyperCubePivotData',
  'EvaluateEx',
  'GetTablesAndKeys',
  'GetFullPropertyTree',
  'CheckScriptSyntax',
]);

/** Limits from one number, the normal call's, in the defaults' proportions (connect ½×, long calls 5×). */
export function engineTimeoutsFor(callMs: number): EngineTimeouts {
  return { connectMs: callMs / 2, callMs, longCallMs: callMs * 5 };
}

export function callLimitMs(method: string, timeouts: EngineTimeouts): number {
  return LONG_ENGINE_CALLS.has(method) ? timeouts.longCallMs : timeouts.callMs;
}
