import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { lastSuccessfulReload } from '../shared/reloads';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'S03',
  name: 'debug-reload',
  category: 'script',
  severity: 'warning',
  summary: 'The last successful reload was row-limited (debug/limited load) or skipped its STORE statements.',
  why: { text: 'A limited load keeps only the first rows of every table: the app looks fine but its numbers are wrong; a reload with skipped stores leaves QVDs out of date for other apps.', sources: [SOURCES.reloadApi] },
  howToFix: 'Reload the app again without a row limit and with stores.',
  severityReason:
    "The cost is certain: the app, or the QVDs it feeds, hold fewer rows or older data than a full reload gives. It stays a warning because the same finding covers skipped stores, which touch other apps rather than this app's users.",
  options: z.object({}),
  needs: ['reloads'],
  check(ctx) {
    const meta = lastSuccessfulReload(ctx.snapshot).metadata;
    if (!meta) return ctx.cannotRun('the metadata of the last successful reload was not collected');
    const limited = meta.rowLimit !== undefined && meta.rowLimit >= 0;
    if (!limited && !meta.skipStore) return;
    const parts = [limited ? `limited to ${meta.rowLimit} rows per table` : '', meta.skipStore ? 'skipped its STORE statements' : ''].filter(Boolean);
    ctx.report({ target: { kind: 'reload', id: meta.reloadId, name: 'Last reload' }, message: `The last successful reload was ${parts.join(' and ')}.`, data: { rowLimit: meta.rowLimit, skipStore: meta.skipStore }, content: meta.reloadId });
  },
});
