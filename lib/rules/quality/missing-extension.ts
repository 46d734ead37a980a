import { z } from '../../schema/zod';
import { isNativeVisualization } from '../../analyze/native-visualizations';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'Q07',
  name: 'missing-extension',
  category: 'quality',
  severity: 'error',
  summary: 'An object whose visualization type is neither native nor an installed extension.',
  why: {
    text: 'When an extension is removed from the tenant (or was never imported there), every object using it shows an error on the sheet.',
    sources: [SOURCES.qsdaQuality, SOURCES.extensions],
  },
  howToFix: 'Ask a tenant admin to import the extension, or replace the object with a native visualization.',
  severityReason: 'Qlik cannot render a visualization type it does not know: users see an error in place of the object.',
  options: z.object({}),
  needs: ['objects', 'extensions'],
  check(ctx) {
    const installed = new Set((ctx.snapshot.extensions ?? []).map((e) => e.name));
    for (const o of ctx.snapshot.objects) {
      const type = o.visualization ?? o.type;
      if (isNativeVisualization(type) || installed.has(type)) continue;
      const target = ctx.index.objectTarget(o.id);
      ctx.report({
        target,
        message: `Object "${target.name}" uses visualization "${type}", which is not native and not installed as an extension on this tenant.`,
        data: { visualization: type },
        content: type,
      });
    }
  },
});
