import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import type { QlikObject } from '../../schema/qlik-object';
import { targetSubject } from '../shared/helpers';
import { SOURCES } from '../shared/sources';

/** states set on the object, on its hypercube or on its list object (Sense writes either) */
function statesOf(properties: QlikObject, objectState: string | undefined): Array<{ state: string; path: string }> {
  const out: Array<{ state: string; path: string }> = [];
  if (objectState) out.push({ state: objectState, path: '/qStateName' });
  for (const key of ['qHyperCubeDef', 'qListObjectDef'] as const) {
    const def = properties[key] as { qStateName?: unknown } | undefined;
    if (typeof def?.qStateName === 'string' && def.qStateName) out.push({ state: def.qStateName, path: `/${key}/qStateName` });
  }
  return out;
}

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
  severityReason: 'An object in an alternate state the app does not define cannot calculate in that state: users see an error.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    const states = ctx.index.alternateStates;
    const isKnown = (state: string) => state === '$' || states.has(state);
    for (const s of ctx.snapshot.sheets) {
      if (!s.stateName || isKnown(s.stateName)) continue;
      const target = ctx.index.sheetTarget(s.id);
      ctx.report({ target, path: '/qStateName', message: `${targetSubject(ctx, target)} uses alternate state "${s.stateName}", which the app does not define.`, data: { state: s.stateName }, content: s.stateName });
    }
    for (const o of ctx.snapshot.objects) {
      const unknown = statesOf(o.properties, o.stateName).find((x) => !isKnown(x.state));
      if (!unknown) continue;
      const target = ctx.index.objectTarget(o.id);
      ctx.report({ target, path: unknown.path, message: `${targetSubject(ctx, target)} uses alternate state "${unknown.state}", which the app does not define.`, data: { state: unknown.state }, content: unknown.state });
    }
  },
});
