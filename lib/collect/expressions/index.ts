// Every expression of the app, flattened with its location: objects (sheets' and master
// visualizations' trees), sheets' own properties, master measures and dimensions, variables. Pure.
import type {
  Expression,
  FieldReference,
  LibraryReference,
  MasterDimension,
  MasterMeasure,
  Sheet,
  Variable,
  VisObject,
} from '../../snapshot/schema.ts';
import { type Extracted, extractFromProperties } from './extract.ts';

export interface ExpressionSources {
  sheets: Sheet[];
  objects: Pick<VisObject, 'id' | 'type' | 'sheetId' | 'inMasterVisualization' | 'properties'>[];
  masterMeasures: MasterMeasure[];
  masterDimensions: MasterDimension[];
  variables: Variable[];
}

export function extractAllExpressions(sources: ExpressionSources): Extracted {
  const all: Extracted = { expressions: [], libraryReferences: [], fieldReferences: [] };
  const add = (part: Extracted): void => {
    all.expressions.push(...part.expressions);
    all.libraryReferences.push(...part.libraryReferences);
    all.fieldReferences.push(...part.fieldReferences);
  };
  for (const sheet of sources.sheets) {
    add(extractFromProperties(sheet.properties, { objectId: sheet.id, objectType: 'sheet', owner: 'sheet', sheetId: sheet.id }));
  }
  for (const o of sources.objects) {
    add(
      extractFromProperties(o.properties, {
        objectId: o.id,
        objectType: o.type,
        owner: o.inMasterVisualization ? 'master-visualization' : 'object',
        ...(o.sheetId !== undefined ? { sheetId: o.sheetId } : {}),
      }),
    );
  }
  for (const m of sources.masterMeasures) add(extractFromProperties(m.properties, { objectId: m.id, objectType: 'measure', owner: 'master-measure' }));
  for (const d of sources.masterDimensions) add(extractFromProperties(d.properties, { objectId: d.id, objectType: 'dimension', owner: 'master-dimension' }));
  for (const v of sources.variables) {
    if (v.isReserved || v.isConfig || v.definition.trim() === '') continue;
    const id = v.id ?? v.name;
    all.expressions.push({
      id: `${id}:/qDefinition`,
      text: v.definition,
      syntax: 'expression',
      location: { objectId: id, objectType: 'variable', owner: 'variable', path: '/qDefinition', kind: 'variable' },
    });
  }
  return dedupeIds(all);
}

/** The same object can be reached twice (a broken tree); keep the first of each id. */
function dedupeIds(all: Extracted): Extracted {
  const seen = new Set<string>();
  const expressions: Expression[] = all.expressions.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
  const refKey = (r: LibraryReference | FieldReference): string => `${r.objectId}:${r.path}`;
  const seenRefs = new Set<string>();
  const libraryReferences = all.libraryReferences.filter((r) => (seenRefs.has(refKey(r)) ? false : (seenRefs.add(refKey(r)), true)));
  const fieldReferences = all.fieldReferences.filter((r) => (seenRefs.has(refKey(r)) ? false : (seenRefs.add(refKey(r)), true)));
  return { expressions, libraryReferences, fieldReferences };
}

/**
 * Whether the engine should check this expression. Field names (dimension `qFieldDefs` without `=`)
 * are not expressions. A variable is a text macro: only a definition starting with `=` is an
 * expression by itself; the others are checked where they are expanded (rules, Q17).
 */
export function shouldCheck(e: Expression): boolean {
  if (e.syntax !== 'expression') return false;
  if (e.location.kind === 'variable') return e.text.trimStart().startsWith('=');
  return true;
}
