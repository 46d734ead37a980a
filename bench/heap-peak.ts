// The JS heap of a piece of work, sampled while it runs: its peak growth over the heap before it.
// `live`: a full GC before each sample (needs --expose-gc), so the peak is of live data only, not of
// garbage the GC has not collected yet; it slows the work down, so such a run is never a timed one.

const gc = (globalThis as { gc?: () => void }).gc;

export interface HeapPeak<T> {
  value: T;
  /** MB */
  heapPeakMb: number;
}

export async function withHeapPeak<T>(work: () => Promise<T>, options: { live?: boolean } = {}): Promise<HeapPeak<T>> {
  if (options.live && !gc) throw new Error('the live heap needs node --expose-gc');
  const sample = (): number => {
    if (options.live) gc?.();
    return process.memoryUsage().heapUsed;
  };
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  // 10 ms between samples; 25 ms with a GC in each (a full GC of this heap takes a few ms)
  const timer = setInterval(() => (peak = Math.max(peak, sample())), options.live ? 25 : 10);
  try {
    const value = await work();
    peak = Math.max(peak, sample());
    return { value, heapPeakMb: (peak - base) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
