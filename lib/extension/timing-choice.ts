// The apps whose timing pass the user skipped (storage.local, by app key): their next analyses
// run without it, until the user turns it back on (the report says it was skipped and offers that).
import { z } from '../schema/zod';
import { perAppStore } from './per-app-store';

const skipped = perAppStore('local:skippedTimings', z.literal(true), 'timing-pass choices cannot be read; measuring every app');

export async function timingsSkipped(appKey: string): Promise<boolean> {
  return (await skipped.get(appKey)) === true;
}

/** Skips (true) or measures again (false) the app's timing pass in its next analyses. */
export async function setTimingsSkipped(appKey: string, skip: boolean): Promise<void> {
  await skipped.update(appKey, () => (skip ? true : undefined));
}
