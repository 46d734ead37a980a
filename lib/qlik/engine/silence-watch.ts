// Notices a silent engine: requests are waiting and no answer has come for longer than the limit
// of the longest kind of call waiting (timeouts.ts). Fed from enigma.js's traffic events (every
// request sent, every frame received), so it sees the requests enigma.js sends itself too.
// One timer, re-armed lazily: thousands of answers do not each reset a timer.
import type { Timers } from './timers';
import { type EngineTimeouts, LONG_ENGINE_CALLS } from './timeouts';
import { formatSeconds } from '../../format/numbers';

export interface WaitingCall {
  id: number;
  method: string;
  handle: number;
  sentAt: number;
}

export interface Silence {
  /** the ids of the calls that waited */
  ids: number[];
  /** how long nothing was answered */
  silentMs: number;
  /** the limit that passed */
  limitMs: number;
  waiting: number;
  /** the call waiting longest */
  oldest: WaitingCall;
  /** now, on the same clock as sentAt */
  at: number;
}

export interface SilenceWatch {
  sent(request: unknown): void;
  received(frame: unknown): void;
  /** forget what waits (the socket closed: enigma.js rejects it itself) */
  clear(): void;
  stop(): void;
}

export function watchSilence(options: { timers: Timers; timeouts: EngineTimeouts; onSilent: (silence: Silence) => void }): SilenceWatch {
  const { timers, timeouts } = options;
  const waiting = new Map<number, WaitingCall>();
  let longWaiting = 0;
  let quietSince = timers.now();
  let timer: unknown;
  let armedFor = Infinity;
  let stopped = false;

  const limit = (): number => (longWaiting > 0 ? timeouts.longCallMs : timeouts.callMs);
  const arm = (ms: number): void => {
    armedFor = timers.now() + Math.max(1, ms);
    timer = timers.setTimeout(check, Math.max(1, ms));
  };
  /** the timer fires no later than the current deadline (a later one is checked and re-armed lazily) */
  const schedule = (): void => {
    if (stopped || waiting.size === 0) return;
    const deadline = quietSince + limit();
    if (timer !== undefined && armedFor <= deadline) return;
    if (timer !== undefined) timers.clearTimeout(timer);
    arm(deadline - timers.now());
  };
  function check(): void {
    timer = undefined;
    if (stopped || waiting.size === 0) return;
    const now = timers.now();
    const due = quietSince + limit() - now;
    if (due > 0) return arm(due);
    const oldest = waiting.values().next().value as WaitingCall;
    const silence: Silence = { ids: [...waiting.keys()], silentMs: now - quietSince, limitMs: limit(), waiting: waiting.size, oldest, at: now };
    // reported once: what waited is dropped (the session rejects it); a later request starts afresh
    waiting.clear();
    longWaiting = 0;
    options.onSilent(silence);
  }

  return {
    sent(request) {
      const r = (request ?? {}) as { id?: unknown; method?: unknown; handle?: unknown };
      if (stopped || typeof r.id !== 'number' || typeof r.method !== 'string') return;
      if (waiting.size === 0) quietSince = timers.now();
      waiting.set(r.id, { id: r.id, method: r.method, handle: typeof r.handle === 'number' ? r.handle : NaN, sentAt: timers.now() });
      if (LONG_ENGINE_CALLS.has(r.method)) longWaiting++;
      schedule();
    },
    received(frame) {
      const id = (frame as { id?: unknown } | null)?.id;
      if (typeof id !== 'number') return; // a notification is not an answer
      const call = waiting.get(id);
      if (!call) return;
      waiting.delete(id);
      quietSince = timers.now();
      if (LONG_ENGINE_CALLS.has(call.method) && --longWaiting === 0) schedule(); // back to the normal limit
    },
    clear() {
      waiting.clear();
      longWaiting = 0;
    },
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
  };
}

export function silenceMessage(silence: Silence, timeouts: EngineTimeouts): string {
  const { oldest } = silence;
  const others = silence.waiting - 1;
  return (
    `The engine stopped answering: no answer for ${formatSeconds(silence.silentMs)} while ${oldest.method} ` +
    `(waiting ${formatSeconds(silence.at - oldest.sentAt)})${others > 0 ? ` and ${others} other call${others === 1 ? '' : 's'}` : ''} waited ` +
    `(limit ${formatSeconds(silence.limitMs)}; ${formatSeconds(timeouts.callMs)} for normal calls, ${formatSeconds(timeouts.longCallMs)} while OpenDoc or a calculation waits). ` +
    'The engine or the network path to it is not responding; Qlarity stopped instead of waiting forever.'
  );
}
