// Keepalive, backoff and bounded resume attempts on a manual clock (no real waiting).
import { describe, expect, it } from 'vitest';
import { startKeepalive } from '../../../../lib/qlik/engine/keepalive';
import { DEFAULT_RECONNECT, isResumableClose, reconnectDelay } from '../../../../lib/qlik/engine/reconnect';
import { type ResumeLoopOptions, resumeWithBackoff } from '../../../../lib/qlik/engine/resume-loop';
import type { Timers } from '../../../../lib/qlik/engine/timers';

/** A clock that only moves when told to; timers fire in order as it passes them. */
class ManualClock implements Timers {
  private time = 0;
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; callback: () => void }>();
  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + Math.max(0, ms), callback });
    return id;
  };
  clearTimeout = (handle: unknown): void => void this.pending.delete(handle as number);
  now = (): number => this.time;
  get timerCount(): number {
    return this.pending.size;
  }
  /** move the clock forward, firing due timers (and letting promise callbacks run between them) */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      const [id, next] = [...this.pending].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || !next || next.at > end) break;
      this.pending.delete(id);
      this.time = next.at;
      next.callback();
    }
    this.time = end;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const policy = { ...DEFAULT_RECONNECT, attempts: 4, initialDelayMs: 100, maxDelayMs: 500, attemptTimeoutMs: 1000 };

/** resumeWithBackoff on the manual clock with the test policy: never stopped, no error permanent, unless a test says so. */
function resumeOn<T>(clock: ManualClock, options: Pick<ResumeLoopOptions<T>, 'attempt'> & Partial<ResumeLoopOptions<T>>) {
  return resumeWithBackoff({ policy, timers: clock, stopped: new Promise(() => {}), abandon: () => {}, permanent: () => false, ...options });
}

describe('backoff', () => {
  it('doubles from the initial delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => reconnectDelay(DEFAULT_RECONNECT, n))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect([1, 2, 3, 4].map((n) => reconnectDelay(policy, n))).toEqual([100, 200, 400, 500]);
  });

  it('resumes network closes and the engine "move along" codes, not permission, not-found or idle closes', () => {
    for (const code of [1001, 1006, 1011, 1012, 1013, 4003, 4004, 4007]) expect(isResumableClose(code), String(code)).toBe(true);
    for (const code of [1000, 1002, 1008, 4000, 4001, 4005, 4006, 4201, 4203, 4204, 4205, 4230, 4240]) expect(isResumableClose(code), String(code)).toBe(false);
  });
});

describe('resumeWithBackoff', () => {
  it('waits the backoff before each attempt and stops at the first success', async () => {
    const clock = new ManualClock();
    const startedAt: number[] = [];
    const waits: number[] = [];
    const result = resumeOn(clock, {
      attempt: async (n) => {
        startedAt.push(clock.now());
        if (n < 3) throw new Error(`socket refused ${n}`);
        return 'attached';
      },
      onAttempt: (_, delay) => waits.push(delay),
    });
    await clock.advance(10_000);
    expect(await result).toEqual({ ok: true, value: 'attached', attempts: 3 });
    expect(waits).toEqual([100, 200, 400]);
    expect(startedAt).toEqual([100, 300, 700]);
    expect(clock.timerCount).toBe(0); // attempt timeouts cleared
  });

  it('gives up after the bounded number of attempts with the last error', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const result = resumeOn(clock, {
      attempt: async () => {
        calls += 1;
        throw new Error(`refused ${calls}`);
      },
    });
    await clock.advance(10_000);
    const outcome = await result;
    expect(calls).toBe(4);
    expect(outcome).toMatchObject({ ok: false, attempts: 4, stopped: false });
    expect(outcome.ok ? undefined : (outcome.error as Error).message).toBe('refused 4');
  });

  it('stops at once on a permanent error (e.g. signed out)', async () => {
    const clock = new ManualClock();
    let calls = 0;
    const result = resumeOn(clock, {
      attempt: async () => {
        calls += 1;
        throw new Error('Unexpected server response: 401');
      },
      permanent: (e) => /401/.test((e as Error).message),
    });
    await clock.advance(10_000);
    expect(await result).toMatchObject({ ok: false, attempts: 1, stopped: false });
    expect(calls).toBe(1);
  });

  it('a stop (close, cancel) during the backoff ends the wait without another attempt', async () => {
    const clock = new ManualClock();
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    let calls = 0;
    const result = resumeOn(clock, { stopped, attempt: async () => void (calls += 1) });
    await clock.advance(50);
    stop();
    expect(await result).toEqual({ ok: false, attempts: 0, error: undefined, stopped: true });
    expect(calls).toBe(0);
    expect(clock.timerCount).toBe(0);
  });

  it('abandons an attempt that hangs after attemptTimeoutMs, then tries again', async () => {
    const clock = new ManualClock();
    let reject: ((e: Error) => void) | undefined;
    let abandoned = 0;
    const result = resumeOn(clock, {
      policy: { ...policy, attempts: 2 },
      attempt: (n) => (n === 1 ? new Promise<string>((_, r) => (reject = r)) : Promise.resolve('created')),
      abandon: () => {
        abandoned += 1;
        reject?.(new Error('socket closed by us'));
      },
    });
    await clock.advance(100 + 999);
    expect(abandoned).toBe(0);
    await clock.advance(1 + 200);
    expect(abandoned).toBe(1);
    expect(await result).toEqual({ ok: true, value: 'created', attempts: 2 });
  });
});

describe('keepalive', () => {
  it('pings after the interval without traffic, not while traffic flows or while disconnected, and stops on close', async () => {
    const clock = new ManualClock();
    let last = 0;
    let connected = true;
    const pings: number[] = [];
    const keepalive = startKeepalive({
      intervalMs: 20_000,
      lastActivity: () => last,
      connected: () => connected,
      ping: async () => {
        pings.push(clock.now());
        last = clock.now(); // the ping is traffic too
      },
      timers: clock,
    });
    await clock.advance(19_999);
    expect(pings).toEqual([]);
    await clock.advance(1);
    expect(pings).toEqual([20_000]);
    last = 30_000; // traffic at 30 s: the next idle interval ends at 50 s
    await clock.advance(25_000);
    expect(pings).toEqual([20_000]);
    await clock.advance(5_000);
    expect(pings).toEqual([20_000, 50_000]);
    connected = false;
    await clock.advance(40_000);
    expect(pings).toEqual([20_000, 50_000]);
    keepalive.stop();
    expect(clock.timerCount).toBe(0);
  });
});
