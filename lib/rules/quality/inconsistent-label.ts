import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import type { Target } from '../../analyze/result';
import { showsMeasuresInText } from '../../snapshot/property-shapes';
import { SOURCES } from '../shared/sources';

interface LabelledMeasure {
  label: string;
  definition: string;
  normalised: string;
  target: Target;
  path: string;
}

export default defineRule({
  code: 'Q14',
  name: 'inconsistent-label',
  category: 'quality',
  severity: 'warning',
  summary: 'One measure label with several different definitions (two KPIs called "Margin" that compute different things); one finding per label.',
  why: {
    text: 'Users compare numbers by their labels. When two measures share a label but not a definition, the same word shows two different values and trust in the app is gone.',
    sources: [SOURCES.governanceLabels, SOURCES.masterItems, SOURCES.masterMeasuresInExpressions],
  },
  howToFix: 'Make one master measure for the label and link every chart to it, or rename the measures that mean something else.',
  severityReason:
    'The cost is certain: users compare numbers by their labels and the same label shows two different values; both measures still calculate, so nothing is broken.',
  options: z.object({ ignoreCase: z._default(z.boolean(), true).check(z.describe('treat labels that differ only in case as the same label')) }),
  needs: ['objects', 'masterMeasures', 'masterDimensions', 'masterVisualizations'],
  check(ctx) {
    const { index, snapshot } = ctx;
    const key = (label: string) => (ctx.options.ignoreCase ? label.trim().toLowerCase() : label.trim());
    const all: LabelledMeasure[] = [];
    const masterLabels = new Set(snapshot.masterMeasures.map((m) => key(m.label)));
    // `If(…, [Reloads], [Reloads] + 0)` labelled "Reloads" reuses the master measure "Reloads" by its
    // label, which outside an aggregation names the measure (Qlik help "Using master measures in
    // expressions", "Creating a master measure…": order of precedence): it is that measure, not a rival meaning.
    const usesMasterOfSameLabel = (label: string, definition: string) =>
      masterLabels.has(key(label)) && index.parse(definition).fields.some((f) => f.aggregationDepth === 0 && key(f.name) === key(label));
    const add = (label: string, definition: string, target: Target, path: string) => {
      if (!label.trim() || label.trim().startsWith('=') || !definition.trim()) return;
      if (target.kind !== 'master-measure' && usesMasterOfSameLabel(label, definition)) return;
      all.push({ label: label.trim(), definition, normalised: index.normalised(definition), target, path });
    };
    for (const m of snapshot.masterMeasures) add(m.label, m.definition, index.locationTarget({ objectId: m.id, objectType: 'measure', owner: 'master-measure', path: '', kind: 'measure' }), '/qMeasure/qDef');
    for (const o of snapshot.objects) {
      // a Text object shows its measures' values inside its text, never their labels
      if (showsMeasuresInText(o.properties)) continue;
      const measures = (o.properties.qHyperCubeDef as { qMeasures?: Array<{ qLibraryId?: string; qDef?: { qLabel?: unknown; qDef?: unknown } }> } | undefined)?.qMeasures ?? [];
      measures.forEach((m, i) => {
        if (m.qLibraryId || typeof m.qDef?.qLabel !== 'string' || typeof m.qDef.qDef !== 'string') return;
        add(m.qDef.qLabel, m.qDef.qDef, index.objectTarget(o.id), `/qHyperCubeDef/qMeasures/${i}/qDef/qDef`);
      });
    }
    const groups = new Map<string, LabelledMeasure[]>();
    for (const m of all) groups.set(key(m.label), [...(groups.get(key(m.label)) ?? []), m]);
    const masterDefinitions = new Set(snapshot.masterMeasures.map((m) => index.normalised(m.definition)));
    for (const group of groups.values()) {
      const variants = new Set(group.map((m) => m.normalised));
      if (variants.size < 2) continue;
      // the reference: the definition a master measure has (the app's agreed meaning), else the most common one
      const counts = new Map<string, number>();
      for (const m of group) counts.set(m.normalised, (counts.get(m.normalised) ?? 0) + 1);
      const reference =
        group.find((m) => masterDefinitions.has(m.normalised))?.normalised ?? [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
      const differing = group.find((m) => m.normalised !== reference && m.target.kind !== 'master-measure') ?? group.find((m) => m.normalised !== reference);
      const agreed = group.find((m) => m.normalised === reference);
      if (!differing || !agreed) continue;
      ctx.report({
        target: differing.target,
        path: differing.path,
        message: `Label "${differing.label}" has ${variants.size} different definitions in the app: "${differing.definition}" here, "${agreed.definition}" in ${ctx.index.describeTarget(agreed.target)}.`,
        expression: { text: differing.definition, from: 0, to: differing.definition.length },
        data: { label: differing.label, definitions: [...variants], occurrences: group.map((x) => ({ target: x.target, definition: x.definition })) },
        content: `${key(differing.label)}\u0000${[...variants].sort().join('\u0001')}`,
      });
    }
  },
});
