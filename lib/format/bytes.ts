// The one home of byte sizes: binary units (1 KiB = 1024 B), named KiB, MiB, GiB, TiB, as the
// values are computed. Findings, CLI tables and the views all scale with `scaleBytes`; the views
// format the number for the reader's locale (lib/report/format.ts), messages with `formatBytes`.

export const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'] as const;
export type ByteUnit = (typeof BYTE_UNITS)[number];

/** A size scaled to the largest unit that keeps it at least 1 (its sign kept). */
export function scaleBytes(bytes: number): { value: number; unit: ByteUnit } {
  let unit = 0;
  let value = Math.abs(bytes);
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return { value: bytes < 0 ? -value : value, unit: BYTE_UNITS[unit] };
}

/** A size for a message, independent of locale: `512 B`, `1.5 KiB`, `150 MiB`. */
export function formatBytes(bytes: number): string {
  const { value, unit } = scaleBytes(bytes);
  if (unit === 'B') return `${Math.round(value)} B`;
  return `${value.toFixed(Math.abs(value) >= 100 ? 0 : 1)} ${unit}`;
}
