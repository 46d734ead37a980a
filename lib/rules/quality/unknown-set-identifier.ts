import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { describeSite, reportAt } from '../shared/helpers';
import { isStandalone } from '../shared/measures';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'Q03',
  name: 'unknown-set-identifier',
  category: 'quality',
  severity: 'error',
  summary: 'A bookmark or alternate state used as a set identifier that does not exist.',
  why: {
    text:
      'A set identifier such as {BM01} or {[State A]} that names a deleted bookmark or an unknown state makes the ' +
      'aggregation fall back or fail without a visible error. Qlik does not check set identifiers in its editor.',
    sources: [SOURCES.qsdaValidation, SOURCES.setAnalysis, SOURCES.bookmarks],
  },
  howToFix: 'Point the set identifier at an existing bookmark (id or name) or alternate state, or remove it.',
  examples: { bad: 'Sum({BM_Deleted} Sales)', good: 'Sum({$} Sales)' },
  severityReason: 'A set identifier that does not exist makes the expression fail: the object shows an error to users.',
  options: z.object({}),
  needs: ['bookmarks', 'objects'],
  check(ctx) {
    const { index, snapshot } = ctx;
    const known = new Set<string>(index.alternateStates);
    for (const b of snapshot.bookmarks) {
      known.add(b.id);
      known.add(b.title);
    }
    for (const e of index.expressions) {
      const refs = isStandalone(e) ? e.parsed.references() : undefined;
      if (!refs) continue;
      for (const id of refs.setIdentifiers) {
        if (id.identifierKind !== 'named' || known.has(id.name)) continue;
        reportAt(ctx, e, `Set identifier "${id.name}" in the ${describeSite(ctx, e)} is neither a bookmark nor an alternate state of this app.`, e.parsed.toOriginal(id.from, id.to), {
          data: { identifier: id.name },
          content: `${e.expression.location.path}\u0000${id.name}\u0000${e.expression.text}`,
        });
      }
    }
  },
});
