import { z } from '../../schema/zod';
import { DEPRECATED_VISUALIZATIONS } from '../../analyze/native-visualizations';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'D07',
  name: 'deprecated-visualization',
  category: 'design',
  severity: 'warning',
  summary: 'A deprecated chart type (e.g. old bundle objects replaced by native ones).',
  why: { text: "Deprecated objects stop getting fixes and will be removed; Qlik's App Analyzer tracks them through the deprecated-charts audit events.", sources: [SOURCES.appAnalyzer] },
  howToFix: 'Replace the object with the native visualization named in the message.',
  severityReason:
    'A certain maintenance cost: deprecated object types stop getting fixes and will be removed, so they must be replaced; today they still render, so it is a warning.',
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const o of ctx.snapshot.objects) {
      const type = o.visualization ?? o.type;
      const replacement = DEPRECATED_VISUALIZATIONS.get(type);
      if (!replacement) continue;
      const target = ctx.index.objectTarget(o.id);
      ctx.report({ target, message: `Object "${target.name}" uses the deprecated "${type}"; use ${replacement} instead.`, data: { visualization: type, replacement }, content: type });
    }
  },
});
