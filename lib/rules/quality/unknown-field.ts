import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { isListboxFrequencyPath } from '../../snapshot/property-shapes';
import { inSetAnalysis } from '../../expression/queries';
import { isLabelCandidate } from '../shared/label-candidates';
import { SOURCES } from '../shared/sources';

/** Field names are case-sensitive in Qlik: suggest the field that differs only by case. */
function suggestion(name: string, fields: Iterable<string>): string {
  const lower = name.toLowerCase();
  for (const f of fields) if (f.toLowerCase() === lower) return ` Did you mean "${f}"? Field names are case-sensitive.`;
  return '';
}

export default defineRule({
  code: 'Q02',
  name: 'unknown-field',
  category: 'quality',
  severity: 'error',
  summary: 'A field name the data model does not have, anywhere in an expression, including set modifiers.',
  why: {
    text:
      'A misspelt or renamed field makes a measure return null or, inside a set modifier, silently ignores the ' +
      "selection and gives wrong numbers. Qlik's own expression checker does not look inside set modifiers, so the " +
      'chart keeps showing a plausible but wrong value.',
    sources: [SOURCES.qsdaValidation, SOURCES.qsdaQuality, SOURCES.setAnalysis],
  },
  howToFix: 'Correct the field name (names are case-sensitive), or reload the data model that provides it.',
  examples: { bad: 'Sum({<Regoin={"West"}>} Sales)', good: 'Sum({<Region={"West"}>} Sales)' },
  severityReason: 'The engine cannot calculate an expression over a field it does not have: the object shows an error or wrong values to users.',
  options: z.object({}),
  needs: ['dataModel'],
  check(ctx) {
    const { index } = ctx;
    for (const e of index.expressions) {
      const { location } = e.expression;
      if (location.owner === 'variable') continue; // checked where the variable is used
      const reported = new Set<string>();
      const listboxFrequency = isListboxFrequencyPath(location.path);
      for (const ref of e.parsed.fields) {
        if (ref.recovered) continue;
        if (isLabelCandidate(ref)) continue; // Q15: unknown-master-label
        // Sense's histogram maximum of a listbox on a calculated dimension names that dimension as [=expr]
        if (listboxFrequency && ref.name.trimStart().startsWith('=')) continue;
        const inSet = inSetAnalysis(ref);
        if (index.resolveName(ref.name, location.objectId, inSet)) continue;
        const key = `${ref.name}@${ref.original.from}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const where = inSet ? 'in a set modifier of the ' : ref.role === 'dimension' ? 'as the ' : 'in the ';
        const via = ref.viaExpansion ? ` (through ${e.expression.text.slice(ref.original.from, ref.original.to)})` : '';
        reportAt(
          ctx,
          e,
          `Field "${ref.name}" does not exist in the data model, used ${where}${describeSite(ctx, e)}${via}.${suggestion(ref.name, index.fields.keys())}`,
          ref.original,
          { data: { field: ref.name, inSetModifier: inSet }, content: `${location.path}\u0000${ref.name}\u0000${e.expression.text}` },
        );
      }
    }
  },
});
