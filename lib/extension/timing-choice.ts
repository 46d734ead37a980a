// The apps whose timing pass the user skipped (storage.local, by app key): their next analyses
// run without it, until the user turns it back on (the report says it was skipped and offers that).
import { storage } from 'wxt/utils/storage';
import { z } from '../schema/zod';

const SkippedApps = z.record(z.string(), z.literal(true));
type SkippedApps = z.infer<typeof SkippedApps>;

export const skippedTimingsItem = storage.defineItem<SkippedApps>('local:skippedTimings', { fallback: {}, version: 1 });

async function loadAll(): Promise<SkippedApps> {
  const parsed = SkippedApps.safeParse(await skippedTimingsItem.getValue());
  if (parsed.success) return parsed.data;
  console.warn('Qlarity: the stored timing-pass choices cannot be read; measuring every app.', parsed.error.issues[0]);
  return {};
}

export async function timingsSkipped(appKey: string): Promise<boolean> {
  return (await loadAll())[appKey] === true;
}

/** Skips (true) or measures again (false) the app's timing pass in its next analyses. */
export async function setTimingsSkipped(appKey: string, skipped: boolean): Promise<void> {
  const { [appKey]: _previous, ...others } = await loadAll();
  await skippedTimingsItem.setValue(skipped ? { ...others, [appKey]: true } : others);
}
