// Gathers what one task produces into one batch: handed on once the task and its microtasks are
// done (a zero-delay timer, so the promise chains that answers set off have all run), or at once
// when the batch is full (items or characters).

export interface Batcher<T> {
  push(item: T): void;
  /** hands on what is waiting now */
  flush(): void;
}

export interface BatchBounds<T> {
  maxItems: number;
  /** the batch is handed on before an item would take it over this many characters */
  maxChars: number;
  charsOf: (item: T) => number;
}

export function createBatcher<T>(deliver: (batch: T[]) => void, bounds: BatchBounds<T>): Batcher<T> {
  let batch: T[] = [];
  let chars = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const items = batch;
    batch = [];
    chars = 0;
    if (items.length) deliver(items);
  };
  return {
    push(item) {
      const size = bounds.charsOf(item);
      if (batch.length && chars + size > bounds.maxChars) flush();
      batch.push(item);
      chars += size;
      if (batch.length >= bounds.maxItems) flush();
      else timer ??= setTimeout(flush, 0);
    },
    flush,
  };
}
