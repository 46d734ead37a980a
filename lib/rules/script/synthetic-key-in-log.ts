import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { lastSuccessfulReload } from '../shared/reloads';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'S06',
  name: 'synthetic-key-in-log',
  category: 'script',
  severity: 'warning',
  summary: 'The reload log announces synthetic keys.',
  why: { text: 'The reload log names the synthetic keys the script creates as it creates them, which points to the statement to fix.', sources: [SOURCES.syntheticKeys, SOURCES.reloadApi] },
  howToFix: 'Rename or drop the extra shared fields in the statements the log names, or build one composite key.',
  severityReason:
    'The same certain cost as R04 (memory and calculation time for the synthetic key), pointed at the script statement that creates it.',
  options: z.object({}),
  needs: ['reloads'],
  check(ctx) {
    const info = ctx.snapshot.reloads;
    const successful = lastSuccessfulReload(ctx.snapshot).reload;
    // the log of the reload whose data the app holds; a failed reload's log is S02's business
    const log = info?.lastSuccessful?.log ?? info?.lastLog;
    if (!log || (successful && log.reloadId !== successful.id)) return ctx.cannotRun('the log of the last successful reload was not collected');
    const lines = log.text.split(/\r?\n/).filter((l) => /synthetic key|^\s*\$Syn \d+\s*=/i.test(l));
    if (lines.length === 0) return;
    ctx.report({
      target: { kind: 'reload', id: log.reloadId, name: 'Reload log' },
      message: `The reload log announces synthetic keys: ${lines.slice(0, 3).map((l) => `"${l.trim()}"`).join(', ')}${lines.length > 3 ? ` and ${lines.length - 3} more` : ''}.`,
      data: { lines: lines.map((l) => l.trim()) },
      content: lines.join('\n'),
    });
  },
});
