// Runs actions `latencyMs` after they are queued, strictly in queueing order. One timer per
// queue: separate setTimeout calls per frame can fire out of order (a delay computed as 39 ms
// instead of 40 when the clock ticks between two Date.now() calls lands in another timer list),
// and a reordered delta answer corrupts enigma.js's patch cache (a CreateSessionObject answer
// patched onto nothing: "the engine answered without an object handle").
export interface DelayQueue {
  push(action: () => void): void;
}

export function createDelayQueue(latencyMs: number, now: () => number = Date.now): DelayQueue {
  const queue: { at: number; action: () => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drain = (): void => {
    timer = undefined;
    while (queue.length > 0 && (queue[0]?.at ?? 0) <= now()) queue.shift()?.action();
    arm();
  };
  const arm = (): void => {
    const next = queue[0];
    if (timer !== undefined || !next) return;
    timer = setTimeout(drain, Math.max(0, next.at - now()));
  };
  return {
    push(action) {
      if (latencyMs <= 0 && queue.length === 0) return action();
      queue.push({ at: now() + latencyMs, action });
      arm();
    },
  };
}
