import { z } from '../../schema/zod';
import { isNativeVisualization } from '../../analyze/native-visualizations';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'D11',
  name: 'extension-count',
  category: 'design',
  severity: 'info',
  summary: 'The number of extension objects in the app (an upgrade risk).',
  why: { text: 'Every extension is code outside Qlik\'s release testing: each Qlik Cloud update can break it, and unsupported ones block migrations.', sources: [SOURCES.extensions, SOURCES.qsdaQuality] },
  howToFix: 'Prefer native and bundle objects; keep a list of the extensions you depend on and their owners.',
  severityReason:
    'A count of upgrade risk, not a fault: every extension counted renders today (a missing one is Q07).',
  options: z.object({ max: z._default(z.number().check(z.int(), z.nonnegative()), 0).check(z.describe('extension objects allowed before reporting')) }),
  needs: ['objects'],
  check(ctx) {
    const byType = new Map<string, number>();
    for (const o of ctx.snapshot.objects) {
      const type = o.visualization ?? o.type;
      if (!isNativeVisualization(type)) byType.set(type, (byType.get(type) ?? 0) + 1);
    }
    const total = [...byType.values()].reduce((a, b) => a + b, 0);
    if (total <= ctx.options.max) return;
    const list = [...byType.entries()].map(([t, n]) => `${t} (${n})`).join(', ');
    ctx.report({ target: ctx.index.appTarget(), message: `The app uses ${total} extension object${total === 1 ? '' : 's'}: ${list}.`, data: { total, byType: Object.fromEntries(byType) }, content: [...byType.keys()].sort().join(',') });
  },
});
