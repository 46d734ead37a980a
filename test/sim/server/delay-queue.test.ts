import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDelayQueue } from './delay-queue';

afterEach(() => {
  vi.useRealTimers();
});

describe('createDelayQueue (the --latency of engine frames)', () => {
  it('runs every action latencyMs after it was queued, in queueing order, even when the clock ticks between pushes', async () => {
    vi.useFakeTimers();
    let clock = 1_000;
    // a clock that moves on every read, by 0 or 1 ms: what broke per-frame setTimeout ordering
    const now = () => (clock += clock % 3 === 0 ? 1 : 0);
    const queue = createDelayQueue(40, now);
    const ran: { i: number; at: number }[] = [];
    const queuedAt: number[] = [];
    for (let i = 0; i < 200; i++) {
      queuedAt.push(clock);
      queue.push(() => ran.push({ i, at: clock }));
      if (i % 50 === 0) clock += 7;
    }
    for (let step = 0; step < 400 && ran.length < 200; step++) {
      clock += 1;
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(ran.map((r) => r.i)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    for (const r of ran) expect(r.at).toBeGreaterThanOrEqual((queuedAt[r.i] ?? 0) + 40);
  });

  it('keeps order over a blocked event loop with real timers (frames due together leave together, in order)', async () => {
    const queue = createDelayQueue(5);
    const ran: number[] = [];
    for (let i = 0; i < 300; i++) {
      queue.push(() => ran.push(i));
      if (i % 37 === 0) {
        const until = Date.now() + 2;
        while (Date.now() < until); // the clock ticks between pushes, as under load
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(ran).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('without latency runs at once', () => {
    const ran: string[] = [];
    createDelayQueue(0).push(() => ran.push('now'));
    expect(ran).toEqual(['now']);
  });
});
