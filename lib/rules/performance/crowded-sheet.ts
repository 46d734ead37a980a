import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'P17',
  name: 'crowded-sheet',
  category: 'performance',
  severity: 'info',
  summary: 'A sheet with too many objects.',
  why: {
    text: 'Every object on a sheet calculates when the sheet opens and after each selection; crowded sheets are slow and hard to read, on mobile even more (QSDA custom flag example: at most 10 objects per mobile sheet).',
    sources: [SOURCES.qsdaCustomFlags, SOURCES.appPerformance],
  },
  howToFix: 'Split the sheet by question, or group related charts in a container so only the visible one calculates.',
  severityReason:
    'An object count is a proxy, not a measured cost (slow sheets are P02): a layout suggestion.',
  options: z.object({ objects: z._default(z.number().check(z.int(), z.positive()), 12).check(z.describe('objects on a sheet above which to report')) }),
  needs: ['objects'],
  check(ctx) {
    for (const s of ctx.snapshot.sheets) {
      const count = s.cells.length > 0 ? s.cells.length : s.childIds.length; // top-level objects
      if (count <= ctx.options.objects) continue;
      ctx.report({ target: ctx.index.sheetTarget(s.id), message: `Sheet "${s.title}" has ${count} objects (threshold ${ctx.options.objects}).`, data: { objects: count }, content: `${s.id}\u0000${count}` });
    }
  },
});
