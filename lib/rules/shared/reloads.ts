// The reload whose data the app holds: the newest successful one (S03–S06, R12).
import type { AppSnapshot, Reload, ReloadMetadata } from '../../snapshot/schema';

const SUCCESS = new Set(['SUCCEEDED', 'SUCCESS', 'OK']);

export function lastSuccessfulReload(snapshot: AppSnapshot): { reload?: Reload; metadata?: ReloadMetadata } {
  const info = snapshot.reloads;
  if (!info) return {};
  const reload = info.reloads.find((r) => SUCCESS.has(r.status.toUpperCase()));
  const metadata = (reload ? info.metadata.find((m) => m.reloadId === reload.id) : undefined) ?? info.metadata.find((m) => m.success !== false);
  return { ...(reload ? { reload } : {}), ...(metadata ? { metadata } : {}) };
}
