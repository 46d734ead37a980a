// Bounded retries with exponential backoff around one "resume" step. The step and the clock are
// injected (session.ts gives enigma.js's session.resume; tests give fakes).
import { type ReconnectPolicy, reconnectDelay } from './reconnect';
import { type Timers, wait } from './timers';

export interface ResumeLoopOptions<T> {
  policy: ReconnectPolicy;
  timers: Timers;
  /** settles when the session is closed or the analysis cancelled: stop waiting and trying */
  stopped: Promise<unknown>;
  attempt: (attempt: number) => Promise<T>;
  /** an attempt ran past policy.attemptTimeoutMs: make it fail (close its socket) */
  abandon: () => void;
  /** errors no further attempt can fix (signed out, no access): give up at once */
  permanent: (error: unknown) => boolean;
  /** before each attempt's wait */
  onAttempt?: (attempt: number, delayMs: number) => void;
}

export type ResumeLoopResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; attempts: number; error?: unknown; stopped: boolean };

export async function resumeWithBackoff<T>(options: ResumeLoopOptions<T>): Promise<ResumeLoopResult<T>> {
  const { policy, timers } = options;
  let stopped = false;
  void options.stopped.then(() => (stopped = true));
  let lastError: unknown;
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    const delayMs = reconnectDelay(policy, attempt);
    options.onAttempt?.(attempt, delayMs);
    if (!(await wait(timers, delayMs, options.stopped)) || stopped) return { ok: false, attempts: attempt - 1, error: lastError, stopped: true };
    const timeout = timers.setTimeout(() => options.abandon(), policy.attemptTimeoutMs);
    try {
      const value = await Promise.race([options.attempt(attempt), options.stopped.then(() => Promise.reject(new Error('stopped')))]);
      return { ok: true, value, attempts: attempt };
    } catch (error) {
      if (stopped) return { ok: false, attempts: attempt, error: lastError, stopped: true };
      lastError = error;
      if (options.permanent(error)) return { ok: false, attempts: attempt, error, stopped: false };
    } finally {
      timers.clearTimeout(timeout);
    }
  }
  return { ok: false, attempts: policy.attempts, error: lastError, stopped: false };
}
