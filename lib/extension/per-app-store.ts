// One value per app (by app key) under one storage.local key, validated on every read: a damaged
// record reads as empty (with a warning) instead of breaking a run. Holds the findings the user hid
// (suppressions.ts) and the apps whose timing pass is skipped (timing-choice.ts).
import { storage } from 'wxt/utils/storage';
import { z } from '../schema/zod';

export interface PerAppStore<T> {
  get(appKey: string): Promise<T | undefined>;
  /** Writes what `change` makes of the app's entry (`undefined` removes it); returns that. */
  update(appKey: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined>;
}

/** `unreadable` completes the warning "Qlarity: the stored … cannot be read; …". */
export function perAppStore<T>(key: `local:${string}`, value: z.ZodMiniType<T>, unreadable: string): PerAppStore<T> {
  const ByApp = z.record(z.string(), value);
  const item = storage.defineItem<Record<string, T>>(key, { fallback: {}, version: 1 });
  async function loadAll(): Promise<Record<string, T>> {
    const parsed = ByApp.safeParse(await item.getValue());
    if (parsed.success) return parsed.data as Record<string, T>;
    console.warn(`Qlarity: the stored ${unreadable}.`, parsed.error.issues[0]);
    return {};
  }
  return {
    get: async (appKey) => (await loadAll())[appKey],
    async update(appKey, change) {
      const { [appKey]: current, ...others } = await loadAll();
      const next = change(current);
      await item.setValue(next === undefined ? others : { ...others, [appKey]: next });
      return next;
    },
  };
}
