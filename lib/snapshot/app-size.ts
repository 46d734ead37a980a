import type { AppSnapshot } from './schema';

/** The app's size in memory, bytes: the data model's, else REST /data/metadata's `static_byte_size`. */
export function appSizeBytes(snapshot: Pick<AppSnapshot, 'dataModel' | 'metadata'>): number | undefined {
  if (snapshot.dataModel?.staticByteSize !== undefined) return snapshot.dataModel.staticByteSize;
  const metadataSize = (snapshot.metadata as { static_byte_size?: unknown } | undefined)?.static_byte_size;
  return typeof metadataSize === 'number' ? metadataSize : undefined;
}
