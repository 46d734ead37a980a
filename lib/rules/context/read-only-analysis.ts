import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'G03',
  name: 'read-only-analysis',
  category: 'context',
  severity: 'info',
  summary: 'Analysed without edit rights: private sheets and the script may be invisible.',
  why: { text: 'Without edit rights the engine hides other users\' private sheets and the load script; usage-based rules (unused fields, variables, master items) are then less certain.', sources: [SOURCES.engineApi] },
  howToFix: 'Analyse as the app owner or a space member who can edit, for complete results.',
  severityReason:
    'A note on how certain the usage-based rules are; nothing in the app is wrong.',
  options: z.object({}),
  needs: [],
  check(ctx) {
    const { access } = ctx.snapshot;
    if (access.canEdit && access.canReadScript) return;
    const missing = [!access.canEdit ? 'edit rights (private sheets of others are invisible)' : '', !access.canReadScript ? 'the load script' : ''].filter(Boolean);
    ctx.report({ target: ctx.index.appTarget(), message: `Analysed without ${missing.join(' and without ')}.`, data: { canEdit: access.canEdit, canReadScript: access.canReadScript }, content: missing.join(',') });
  },
});
