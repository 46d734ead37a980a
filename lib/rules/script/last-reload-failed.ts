import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

const OK = new Set(['SUCCEEDED', 'SUCCESS', 'OK']);
const UNFINISHED = new Set(['QUEUED', 'RELOADING', 'CANCELING', 'CREATED']);

export default defineRule({
  code: 'S02',
  name: 'last-reload-failed',
  category: 'script',
  severity: 'error',
  summary: 'The last reload did not succeed.',
  why: { text: 'After a failed reload the app shows the data of the last successful one; users make decisions on stale numbers.', sources: [SOURCES.reloadApi] },
  howToFix: 'Read the reload log (the message shows its last error) and fix the source or the script; then reload.',
  severityReason: 'The last reload failed: users see the data of an older reload.',
  options: z.object({}),
  needs: ['reloads'],
  check(ctx) {
    const last = ctx.snapshot.reloads?.reloads.find((r) => !UNFINISHED.has(r.status.toUpperCase()));
    if (!last || OK.has(last.status.toUpperCase())) return;
    ctx.report({
      target: { kind: 'reload', id: last.id, name: last.endTime ?? last.creationTime ?? last.id },
      message: `The last reload (${last.endTime ?? last.creationTime ?? last.id}) ended with status ${last.status}${last.errorMessage ? `: ${last.errorMessage}` : ''}.`,
      data: { status: last.status, errorCode: last.errorCode },
      content: last.id,
    });
  },
});
