import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { dropFieldsStatement } from '../shared/drop-fields-statement';
import { formatBytes } from '../../format/bytes';
import { SOURCES } from '../shared/sources';
import { UNUSED_FIELD_SUMMARY, type UndecidedField, type UnusedFieldConfidence, type UnusedFieldData } from '../shared/unused-field-summary';

export const BINARY_DROP_WARNING =
  'The script starts with a BINARY load: DROP FIELDS after BINARY does not release all the memory. ' +
  'Drop the fields in the source app, or reload the affected tables RESIDENT after dropping them.';

export default defineRule({
  code: 'R01',
  name: 'unused-field',
  category: 'resource',
  severity: 'warning',
  summary: 'A field not used anywhere in the app: shows the memory freed and a ready DROP FIELDS statement.',
  why: {
    text:
      'Every field costs memory (its symbol table and its pointers in each table) and reload time. Fields that no ' +
      'sheet, master item, bookmark, variable, key or section access uses can be dropped. Other tools get this wrong: ' +
      'they miss fields used through variables, set modifiers or master-item labels, and users who trusted them broke ' +
      'dashboards. Qlarity counts all of those, gives a confidence with the reason, and never drops anything itself.',
    sources: [SOURCES.fieldUsage, SOURCES.fieldUsageIssues, SOURCES.qollect, SOURCES.analyzingFieldUsage, SOURCES.symbolTables],
  },
  howToFix:
    'Check the reason and confidence, then remove the field from the LOAD statement (best: it is never loaded) or ' +
    'add the generated `DROP FIELDS` statement at the end of the script. Where the script itself reads the field ' +
    'after loading it (a Lookup() or Peek(), a RESIDENT load, a join key, GeoMakePoint()), removing it from the ' +
    'LOAD breaks the reload: drop it at the end of the script instead. Medium-confidence fields appear in text ' +
    'Qlarity could not analyse: look there first. Fields named in an expression that could not be fully read ' +
    '(a syntax error, a value only known at run time) are listed apart as "could not decide", with that expression, ' +
    'and are never in the DROP FIELDS statement.',
  examples: { bad: 'LOAD OrderID, Sales, InternalComment FROM …  // InternalComment is used by no sheet', good: 'LOAD OrderID, Sales FROM …' },
  severityReason:
    'A measured cost: the memory the field takes (shown with each finding) and its reload time, for nothing; the app works with it, so it is a warning, not an error.',
  options: z.object({
    includeHidden: z._default(z.boolean(), true).check(z.describe('also report hidden fields (HidePrefix/HideSuffix)')),
  }),
  needs: ['dataModel', 'objects'],
  runSummary: UNUSED_FIELD_SUMMARY,
  check(ctx) {
    const { index, snapshot } = ctx;
    const usage = index.usage;
    const partial = snapshot.collectionIssues.filter((i) => ['objects', 'sheets', 'masterMeasures', 'masterDimensions', 'variables', 'bookmarks'].includes(i.part));
    const sheetDoubt = !snapshot.access.canEdit
      ? 'analysed without edit rights: private sheets of other users could not be read'
      : partial.length > 0
        ? `${partial.length} part(s) of the app could not be collected (${partial[0].message})`
        : undefined;
    const unused: Array<{ name: string; bytes: number; confidence: UnusedFieldConfidence }> = [];
    const undecided: UndecidedField[] = [];
    for (const field of snapshot.dataModel?.fields ?? []) {
      if (field.isSystem || field.name.startsWith('$')) continue;
      if (field.isHidden && !ctx.options.includeHidden) continue;
      if (usage.isFieldUsed(field.name)) continue;
      // named in an expression no reading fully understood: neither used nor unused, and never dropped
      const unreadable = usage.undecidedAbout(field.name);
      if (unreadable) {
        undecided.push({ field: field.name, tables: field.tables, byteSize: field.byteSize, expression: unreadable.expression, why: unreadable.why, where: unreadable.target, path: unreadable.path });
        continue;
      }
      const doubt = usage.doubtAbout(field.name) ?? sheetDoubt;
      const confidence = doubt ? 'medium' : 'high';
      const reason =
        doubt ??
        'no expression, dimension, set modifier, sort, bookmark, chart filter, master item, key or section access refers to it';
      const bytes = field.byteSize ?? 0;
      unused.push({ name: field.name, bytes, confidence });
      const size = field.byteSize !== undefined ? `; dropping it frees about ${formatBytes(bytes)}` : '';
      ctx.report({
        target: index.fieldTarget(field.name),
        message: `Field "${field.name}" (table ${field.tables.join(', ') || '?'}) is not used anywhere in the app${size}. Confidence ${confidence}: ${reason}.`,
        data: { confidence, reason, byteSize: field.byteSize, tables: field.tables } satisfies UnusedFieldData,
        content: `${field.name}\u0000${confidence}\u0000${field.tables.join(',')}`,
      });
    }
    if (unused.length === 0 && undecided.length === 0) return;
    const high = unused.filter((u) => u.confidence === 'high');
    const binary = /^\s*binary\s/im.test(snapshot.script?.text ?? '');
    ctx.summary({
      fieldCount: unused.length,
      totalBytes: unused.reduce((sum, u) => sum + u.bytes, 0),
      highConfidenceBytes: high.reduce((sum, u) => sum + u.bytes, 0),
      dropStatement: high.length > 0 ? dropFieldsStatement(high.map((u) => u.name)) : undefined,
      ...(binary ? { warning: BINARY_DROP_WARNING } : {}),
      ...(undecided.length > 0 ? { undecided } : {}),
    });
  },
});
