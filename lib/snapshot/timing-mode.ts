// How the timing pass measures each object (lib/collect/timings.ts), in a file of its own so that
// the settings and the options page can name the modes and the default without importing the
// snapshot schema or the collector.
import { z } from '../schema/zod';

/** full: first calculation and again from the cache; quick: first calculation only */
export const TimingMode = z.enum(['full', 'quick']);
export type TimingMode = z.infer<typeof TimingMode>;

/**
 * quick: by the bench app's measurement (README, bench section) the full mode's cached pass
 * about doubles the timing pass, and it feeds only P01's cached threshold; P02, the report's
 * times and P01's first-calculation threshold use the first calculation.
 */
export const DEFAULT_TIMING_MODE: TimingMode = 'quick';

export const TIMING_MODE_TEXT: Record<TimingMode, { title: string; help: string }> = {
  quick: { title: 'Quick', help: 'Times each object’s first calculation once.' },
  full: { title: 'Full', help: 'Also times each object again from the engine’s cache (rule P01’s cached threshold); the timing pass takes about twice as long.' },
};
