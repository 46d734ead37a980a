import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'D04',
  name: 'missing-master-item-description',
  category: 'design',
  severity: 'info',
  summary: 'A master measure or dimension without a description.',
  why: {
    text: 'Qlik Answers and Insight Advisor use master item descriptions to understand what a measure means; users see them in the assets panel.',
    sources: [SOURCES.answersDescriptions, SOURCES.qsdaCustomFlags],
  },
  howToFix: 'Describe the master item: what it measures, its unit, and anything it excludes.',
  severityReason: 'A missing description is documentation: the measure still calculates and costs nothing; it helps users and Qlik Answers, so it is a suggestion.',
  rollUp: true,
  options: z.object({}),
  needs: ['masterMeasures', 'masterDimensions', 'masterVisualizations'],
  check(ctx) {
    for (const m of ctx.snapshot.masterMeasures) {
      if (m.description?.trim()) continue;
      ctx.report({ target: { kind: 'master-measure', id: m.id, name: m.label || m.title }, message: `Master measure "${m.label || m.title}" has no description.`, content: 'description' });
    }
    for (const d of ctx.snapshot.masterDimensions) {
      if (d.description?.trim()) continue;
      ctx.report({ target: { kind: 'master-dimension', id: d.id, name: d.title }, message: `Master dimension "${d.title}" has no description.`, content: 'description' });
    }
  },
});
