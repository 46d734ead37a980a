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
} from '../../snapshot/schema';
import { type Extracted, extractInto } from './extract';

export interface ExpressionSources {
  sheets: Sheet[];
  objects: Pick<VisObject, 'id' | 'type' | 'sheetId' | 'inMasterVisualization' | 'properties'>[];
  masterMeasures: MasterMeasure[];
  masterDimensions: MasterDimension[];
  variables: Variable[];
}

type SourceObject = ExpressionSources['objects'][number];

/** One visualization's expressions and references (its own properties; children are separate objects). */
export function extractObject(o: SourceObject, out: Extracted = { expressions: [], libraryReferences: [], fieldReferences: [], mentions: [] }): Extracted {
  return extractInto(out, o.properties, {
    objectId: o.id,
    objectType: o.type,
    owner: o.inMasterVisualization ? 'master-visualization' : 'object',
    ...(o.sheetId !== undefined ? { sheetId: o.sheetId } : {}),
  });
}

/** `extracted`: objects already extracted (extractObject) as their trees arrived, reused as they are. */
export function extractAllExpressions(sources: ExpressionSources, extracted?: ReadonlyMap<SourceObject, Extracted>): Extracted {
  const all: Extracted = { expressions: [], libraryReferences: [], fieldReferences: [], mentions: [] };
  for (const sheet of sources.sheets) {
    extractInto(all, sheet.properties, { objectId: sheet.id, objectType: 'sheet', owner: 'sheet', sheetId: sheet.id });
  }
  for (const o of sources.objects) {
    const done = extracted?.get(o);
    if (!done) {
      extractObject(o, all);
      continue;
    }
    for (const e of done.expressions) all.expressions.push(e);
    for (const r of done.libraryReferences) all.libraryReferences.push(r);
    for (const r of done.fieldReferences) all.fieldReferences.push(r);
    for (const m of done.mentions) all.mentions.push(m);
  }
  for (const m of sources.masterMeasures) extractInto(all, m.properties, { objectId: m.id, objectType: 'measure', owner: 'master-measure' });
  for (const d of sources.masterDimensions) extractInto(all, d.properties, { objectId: d.id, objectType: 'dimension', owner: 'master-dimension' });
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
  const expressions: Expression[] = [];
  for (const e of all.expressions) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    expressions.push(e);
  }
  const seenRefs = new Set<string>();
  const firstOfEach = <R extends LibraryReference | FieldReference>(refs: R[]): R[] => {
    const kept: R[] = [];
    for (const r of refs) {
      const key = r.objectId + ':' + r.path;
      if (seenRefs.has(key)) continue;
      seenRefs.add(key);
      kept.push(r);
    }
    return kept;
  };
  const libraryReferences = firstOfEach(all.libraryReferences);
  const fieldReferences = firstOfEach(all.fieldReferences);
  return { expressions, libraryReferences, fieldReferences, mentions: all.mentions };
}
