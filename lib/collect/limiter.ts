// Bounded concurrency: at most `size` tasks run at once, the rest wait in order. enigma.js pipelines
// concurrent requests over one socket, so a small pool hides network latency without flooding the engine.

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(size: number): Limiter {
  if (!Number.isInteger(size) || size < 1) throw new Error(`Concurrency must be a positive integer, got ${size}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    active--;
    waiting.shift()?.();
  };
  return async (task) => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}

/** Map with at most `size` calls of `fn` in flight; results keep the input order. */
export async function mapLimited<T, R>(items: readonly T[], size: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limit = createLimiter(size);
  return Promise.all(items.map((item, i) => limit(() => fn(item, i))));
}
