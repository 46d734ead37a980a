// The snapshot's `sources` of an app folder: where the readers found each item (lib/offline/formats.ts),
// completed with the variables the load script creates (at the line of the assignment that leaves
// them) and with the line of every property holding an expression, a mention or a library/field
// reference, the places findings name by `path`. Only exports read it (lib/export/source-places.ts). Pure.
import type { Extracted } from '../collect/expressions/extract';
import type { ExpressionLocation, SnapshotSources, SourceItemKind, Variable } from '../snapshot/schema';
import { type RawApp, type RawSources, propertyKey } from './raw-app';

export interface SourcesInput {
  /** the script-created variables kept, with the line of their assignment (script-variables.ts) */
  assignments: [string, { line: number }][];
  extracted: Extracted;
  variables: Variable[];
  /** the app folder from the repository root */
  folder: string;
}

const OWNER_KIND: Record<ExpressionLocation['owner'], SourceItemKind> = {
  object: 'object',
  sheet: 'object',
  'master-visualization': 'object',
  story: 'object',
  app: 'object',
  'master-measure': 'measure',
  'master-dimension': 'dimension',
  variable: 'variable',
};

export function snapshotSources(raw: RawApp, sources: RawSources, input: SourcesInput): SnapshotSources {
  const script = sources.script;
  const scriptVariables = script
    ? input.assignments.map(([name, { line }]) => {
        const at = script.verbatim ? line : script.line;
        return { kind: 'variable' as const, id: name, file: script.file, ...(at !== undefined ? { line: at } : {}) };
      })
    : [];
  const paths = propertyLines(raw, input);
  const items = [...sources.items, ...scriptVariables].map((item) => {
    const found = paths.get(propertyKey(item.kind, item.id));
    return found ? { ...item, paths: found } : item;
  });
  return { ...sources, folder: input.folder, items };
}

/** By item (`propertyKey`): JSON pointer → line of each property that holds an expression, a mention or a reference. */
function propertyLines(raw: RawApp, { extracted, variables }: SourcesInput): Map<string, Record<string, number>> {
  // expressions name a variable by id when it has one; sources know variables by name
  const variableNames = new Map(variables.map((v) => [v.id ?? v.name, v.name]));
  const paths = new Map<string, Record<string, number>>();
  const note = (kind: SourceItemKind, objectId: string, pointer: string) => {
    const key = propertyKey(kind, kind === 'variable' ? (variableNames.get(objectId) ?? objectId) : objectId);
    const line = raw.propertyLines?.get(key)?.(pointer);
    if (line === undefined) return;
    const lines = paths.get(key) ?? {};
    lines[pointer] = line;
    paths.set(key, lines);
  };
  for (const { location } of [...extracted.expressions, ...extracted.mentions]) note(OWNER_KIND[location.owner], location.objectId, location.path);
  for (const r of [...extracted.libraryReferences, ...extracted.fieldReferences]) note('object', r.objectId, r.path);
  return paths;
}
