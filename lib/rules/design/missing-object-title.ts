import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { SOURCES } from '../shared/sources';

/** chart types that show a title (filter panes, KPIs, text and buttons are readable without one) */
const TITLED = new Set([
  'barchart', 'linechart', 'combochart', 'piechart', 'scatterplot', 'table', 'pivot-table', 'sn-table', 'sn-pivot-table',
  'map', 'treemap', 'gauge', 'boxplot', 'distributionplot', 'histogram', 'waterfallchart', 'mekkochart', 'bulletchart',
  'sn-mekko-chart', 'sn-grid-chart', 'sn-bullet-chart', 'sn-funnel-chart', 'sn-heatmap-chart', 'sn-radar-chart', 'sn-sankey-chart',
]);

export default defineRule({
  code: 'D08',
  name: 'missing-object-title',
  category: 'design',
  severity: 'info',
  summary: 'A chart without a title.',
  why: { text: 'Titles tell users what a chart answers; without one they read axes to guess. Consistent labelling is part of governance checks.', sources: [SOURCES.governanceLabels] },
  howToFix: 'Give the chart a title that says what it answers (or hide titles on purpose with "Show titles" off).',
  severityReason: 'An untitled object is a matter of style: it calculates and costs the same.',
  rollUp: true,
  options: z.object({}),
  needs: ['objects'],
  check(ctx) {
    for (const o of ctx.snapshot.objects) {
      // instances of master visualizations take their title from the master (a missing master is Q06)
      if (o.extendsId || !TITLED.has(o.visualization ?? o.type) || o.title?.trim() || o.properties.showTitles === false) continue;
      const target = ctx.index.objectTarget(o.id);
      ctx.report({ target, message: `${o.visualization ?? o.type} "${o.id}"${target.sheet?.name ? ` on sheet "${target.sheet.name}"` : ''} has no title.`, content: 'title' });
    }
  },
});
