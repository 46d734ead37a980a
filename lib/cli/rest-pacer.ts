// Keeps a scan's REST calls under Qlik Cloud's documented rate limits: requests are evaluated per
// tier, per user, per tenant; Tier 1 (most GETs, every call a scan makes) allows 1,000 per minute
// (qlik.dev/apis/rest/rate-limiting; openapi items.json `x-qlik-tier`). A token bucket of one
// minute's worth, refilled continuously, so a scan of many apps slows down instead of being
// answered 429 (which lib/qlik/rest/client.ts still honours, waiting Retry-After).

import type { FetchLike } from '../qlik/rest/client';

/** Qlik Cloud REST Tier 1: requests per minute per user. */
export const TIER1_PER_MINUTE = 1000;

export interface Pacer {
  /** resolves when one more request may go out */
  take(): Promise<void>;
}

export function createPacer(perMinute: number, now: () => number = () => Date.now(), sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Pacer {
  const ratePerMs = perMinute / 60_000;
  let tokens = perMinute;
  let last = now();
  let queue = Promise.resolve();
  const refill = (): void => {
    const t = now();
    tokens = Math.min(perMinute, tokens + (t - last) * ratePerMs);
    last = t;
  };
  return {
    take() {
      // one waiter at a time, in order
      const turn = queue.then(async () => {
        refill();
        while (tokens < 1) {
          await sleep(Math.ceil((1 - tokens) / ratePerMs));
          refill();
        }
        tokens -= 1;
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}

export function pacedFetch(pacer: Pacer, fetchImpl: FetchLike = (u, i) => fetch(u, i)): FetchLike {
  return async (input, init) => {
    await pacer.take();
    return fetchImpl(input, init);
  };
}
