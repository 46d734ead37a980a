// Where in the repository a finding of an app folder analysis (`qlarity analyze --folder`) points:
// the file its item was read from (the snapshot's `sources`), relative to the repository root, and
// the line: of the property the finding names (its `path`) when known, else of the item's qId. A
// script finding's line (lib/analyze/script-line.ts) is the line in the whole script text; a
// verbatim script file (unbuild, Gitoqlik script.qvs) has the same lines, a script kept as one JSON
// string (serializeapp `loadScript`) has the line of its key. Fields and tables come from the script.
// Anything without a file of its own points at the app properties.
import type { Finding, TargetKind } from '../analyze/result';
import { scriptLineOf } from '../analyze/script-line';
import type { SnapshotSources, SourceItemKind } from '../snapshot/schema';

export interface RepositoryPlace {
  /** '/'-separated, relative to the repository root */
  path: string;
  startLine: number;
}

const ITEM_KIND: Partial<Record<TargetKind, SourceItemKind>> = {
  sheet: 'object',
  object: 'object',
  'master-object': 'object',
  'master-measure': 'measure',
  'master-dimension': 'dimension',
  variable: 'variable',
  bookmark: 'bookmark',
};
const FROM_SCRIPT: ReadonlySet<TargetKind> = new Set(['script', 'field', 'table', 'reload', 'variable']);

const join = (folder: string, file: string) => (folder ? `${folder.replace(/\/+$/, '')}/${file}` : file);

/** Looks findings up in one snapshot's sources. */
export function sourcePlaces(sources: SnapshotSources): (finding: Finding) => RepositoryPlace | undefined {
  const items = new Map(sources.items.map((item) => [`${item.kind}\u0000${item.id}`, item]));
  const place = (file: string, line?: number): RepositoryPlace => ({ path: join(sources.folder, file), startLine: line ?? 1 });
  return (finding) => {
    const { kind, id } = finding.target;
    const itemKind = ITEM_KIND[kind];
    const item = itemKind ? items.get(`${itemKind}\u0000${id}`) : undefined;
    // the property the finding names, when the reader placed it; else the item's start
    if (item) return place(item.file, (finding.path !== undefined ? item.paths?.[finding.path] : undefined) ?? item.line);
    const script = sources.script;
    if (script && FROM_SCRIPT.has(kind)) {
      const line = kind === 'script' ? scriptLineOf(finding) : undefined;
      return place(script.file, script.verbatim ? line : script.line);
    }
    return sources.app ? place(sources.app.file, sources.app.line) : undefined;
  };
}
