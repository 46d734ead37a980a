// What fixing a Fix first row gains (lib/report/fix-first.ts estimates it), as its schema and in
// words: apart from the builders, because the popup parses and shows it in each top finding.
import { z } from '../schema/zod';
import type { Formatter } from './format';

export const Gain = z.discriminatedUnion('kind', [
  /** objects or items that do not work for users until fixed */
  z.object({ kind: z.literal('broken'), places: z.number().check(z.int(), z.nonnegative()) }),
  z.object({ kind: z.literal('memory'), bytes: z.number().check(z.nonnegative()), fields: z.number().check(z.int(), z.nonnegative()) }),
  /** calculation time of the object or sheet, the most a fix can save */
  z.object({ kind: z.literal('calc-time'), ms: z.number().check(z.nonnegative()) }),
  z.object({ kind: z.literal('reload-time'), ms: z.number().check(z.nonnegative()) }),
]);
export type Gain = z.infer<typeof Gain>;

/** The estimated gain in words, short enough for one popup line: "Fixes 12 broken items", "Frees 1.2 MiB". */
export function describeGain(gain: Gain, fmt: Formatter): string {
  switch (gain.kind) {
    case 'broken':
      return `Fixes ${fmt.number(gain.places)} broken ${gain.places === 1 ? 'item' : 'items'}`;
    case 'memory':
      return `Frees ${fmt.bytes(gain.bytes)} of RAM`;
    case 'calc-time':
      return `Saves up to ${fmt.duration(gain.ms)}`;
    case 'reload-time':
      return `Reload takes ${fmt.duration(gain.ms)}`;
  }
}
