// When and how often a dropped engine connection is resumed. Pure.
//
// Resumable: a network-level close (RFC 6455 §7.4.1: 1001 going away, 1005 no status, 1006
// abnormal, 1011-1014 server error / restart / try again later / bad gateway) and the engine's
// own "move along" codes that @qlik/api resumes at once (node_modules/@qlik/api chunks
// `shouldResumeImmediately`: 4003 engine terminating, 4004 app moved off that engine, 4007 app
// mode changed). Everything else from 4000 up stays an error: 4000 is a manual suspend, 4001 an
// idle timeout, 4002/4230 licence, 4005 session limit, 4006 authentication, 42xx the Qlik Cloud
// engine proxy (4201 client timeout, 4203 no permission, 4204 app not found, …; connectivity.md
// §5.4). 1000 is a normal close (enigma.js ignores it) and 1002/1003/1007-1010 are protocol
// errors a new socket would repeat.

export interface ReconnectPolicy {
  /** resume attempts after a drop (0: never resume) */
  attempts: number;
  /** wait before the first attempt, ms; doubled (`factor`) for each further attempt */
  initialDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** an attempt that has not finished after this long is abandoned (its socket closed) */
  attemptTimeoutMs: number;
  /** drops resumed per session; a connection that keeps dropping after that is given up */
  maxResumes: number;
}

/** 0.5 s, 1 s, 2 s, 4 s, 8 s: about 15 s in all, inside the session TTL we ask for (session.ts). */
export const DEFAULT_RECONNECT: ReconnectPolicy = {
  attempts: 5,
  initialDelayMs: 500,
  maxDelayMs: 8000,
  factor: 2,
  attemptTimeoutMs: 20_000,
  maxResumes: 10,
};

/** The wait before attempt `attempt` (1-based). */
export function reconnectDelay(policy: ReconnectPolicy, attempt: number): number {
  const raw = policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1);
  return Math.max(0, Math.min(policy.maxDelayMs, raw));
}

const RESUMABLE_CLOSE_CODES: ReadonlySet<number> = new Set([1001, 1005, 1006, 1011, 1012, 1013, 1014, 4003, 4004, 4007]);

export function isResumableClose(code: number): boolean {
  return RESUMABLE_CLOSE_CODES.has(code);
}

/** Handshake refusals that a new socket would meet again (signed out, no access, wrong host). */
export function isPermanentHandshakeStatus(status: number | undefined): boolean {
  return status === 401 || status === 403 || status === 404;
}
