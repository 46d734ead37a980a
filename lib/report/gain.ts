// What fixing a Fix first row gains (lib/report/fix-first.ts estimates it; its schema is in
// report-schema.ts), in words: apart from the builders and without zod, because the popup's first
// render shows it in each top finding.
import type { Formatter } from './format';
import type { Gain } from './report-schema';

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
