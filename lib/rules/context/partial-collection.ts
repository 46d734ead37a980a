import { z } from 'zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../sources';

export default defineRule({
  code: 'G04',
  name: 'partial-collection',
  category: 'context',
  severity: 'info',
  summary: 'Parts of the app could not be collected (listed with reasons).',
  why: { text: 'Every rule works on what was collected; when a part is missing the result says so rather than pretending the app is clean.', sources: [SOURCES.engineApi] },
  howToFix: 'Follow the reasons (rights, engine errors, network) and analyse again.',
  options: z.object({}),
  needs: [],
  check(ctx) {
    for (const issue of ctx.snapshot.collectionIssues) {
      const target = issue.objectId ? ctx.index.objectTarget(issue.objectId) : ctx.index.appTarget();
      ctx.report({
        target,
        // a resumed connection is not a missing part: say what happened
        message:
          issue.part === 'connection'
            ? `Engine connection: ${issue.message} (${issue.code}).`
            : `${issue.objectId ? `Object ${issue.objectId}` : `Part "${issue.part}"`} could not be collected: ${issue.message} (${issue.code}).`,
        data: { ...issue },
        content: `${issue.part}\u0000${issue.code}\u0000${issue.objectId ?? ''}`,
      });
    }
  },
});
