// Runs actions `latencyMs` after they are queued, strictly in queueing order. One timer per
// queue: separate setTimeout calls per frame can fire out of order (a delay computed as 39 ms
// instead of 40 when the clock ticks between two Date.now() calls lands in another timer list),
// and a reordered delta answer corrupts enigma.js's patch cache (a CreateSessionObject answer
// patched onto nothing: "the engine answered without an object handle").
export interface DelayQueue {
  push(action: () => void): void;
}

export function createDelayQueue(latencyMs: number, now: () => number = Date.now): DelayQueue {
  // a read index instead of shift(): thousands of answers can wait at once (the collect bench)
  let queue: { at: number; action: () => void }[] = [];
  let head = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const drain = (): void => {
    timer = undefined;
    const t = now();
    while (head < queue.length && (queue[head]?.at ?? 0) <= t) queue[head++]?.action();
    if (head === queue.length) {
      queue = [];
      head = 0;
    } else if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    arm();
  };
  const arm = (): void => {
    const next = queue[head];
    if (timer !== undefined || !next) return;
    timer = setTimeout(drain, Math.max(0, next.at - now()));
  };
  return {
    push(action) {
      if (latencyMs <= 0 && head === queue.length) return action();
      queue.push({ at: now() + latencyMs, action });
      arm();
    },
  };
}
