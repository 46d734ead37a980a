// Bounded concurrency: at most `size` tasks run at once, the rest wait in order. enigma.js pipelines
// concurrent requests over one socket, so a small pool hides network latency without flooding the engine.

/**
 * Engine requests in flight by default. Chosen by measurement (`npm run bench`, the concurrency
 * sweep of bench/collect.bench.ts: 2,000 objects and ~2,200 unique expressions, ~4,700 calls at
 * 40 ms latency): with n in flight the calls need at least 4,700 / n round trips; at 1,024 the
 * expression checks still waited for ~4 rounds, at 4,096 they go out together and the time is the
 * client's and the engine's own work; 16,384 was no faster. Each request is small (the engine
 * queues what it cannot start), and enigma.js pipelines them over the one socket.
 */
export const DEFAULT_CONCURRENCY = 4096;

export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(size: number): Limiter {
  if (!Number.isInteger(size) || size < 1) throw new Error(`Concurrency must be a positive integer, got ${size}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  // a finished task hands its slot to the next one waiting, so a new task cannot take it in between
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  // the task's own promise is returned, and its settling releases the slot (no wrapper per task:
  // this runs for every engine call of a collection)
  const run = <T>(task: () => Promise<T>): Promise<T> => {
    let result: Promise<T>;
    try {
      result = task();
    } catch (error) {
      release();
      return Promise.reject(error);
    }
    result.then(release, release);
    return result;
  };
  return <T>(task: () => Promise<T>): Promise<T> => {
    if (active < size) {
      active++;
      return run(task);
    }
    return new Promise<void>((resolve) => waiting.push(resolve)).then(() => run(task));
  };
}

/** Map with at most `size` calls of `fn` in flight; results keep the input order. */
export async function mapLimited<T, R>(items: readonly T[], size: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const limit = createLimiter(size);
  return Promise.all(items.map((item, i) => limit(() => fn(item, i))));
}
