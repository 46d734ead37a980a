import { z } from 'zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../sources';

export default defineRule({
  code: 'Q12',
  name: 'unknown-alternate-state',
  category: 'quality',
  severity: 'error',
  summary: 'A sheet or object assigned to an alternate state the app does not define.',
  why: {
    text: 'An object in a state that no longer exists ignores the selections users make and shows numbers from another selection state.',
    sources: [SOURCES.alternateStates, SOURCES.engineApi],
  },
  howToFix: 'Create the alternate state in the master items, or set the object back to inherited or the default state.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    const states = new Set(ctx.snapshot.app.alternateStates);
    const isKnown = (state: string | undefined) => !state || state === '$' || states.has(state);
    for (const s of ctx.snapshot.sheets) {
      if (isKnown(s.stateName)) continue;
      ctx.report({ target: ctx.index.sheetTarget(s.id), message: `Sheet "${s.title}" uses alternate state "${s.stateName}", which the app does not define.`, data: { state: s.stateName }, content: s.stateName });
    }
    for (const o of ctx.snapshot.objects) {
      if (isKnown(o.stateName)) continue;
      const target = ctx.index.objectTarget(o.id);
      ctx.report({ target, message: `Object "${target.name}" uses alternate state "${o.stateName}", which the app does not define.`, data: { state: o.stateName }, content: o.stateName });
    }
  },
});
