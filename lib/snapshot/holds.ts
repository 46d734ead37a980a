// Whether the snapshot holds a part (or an item) that a collection issue is about. A collector
// leaves out what it could not read (an optional part absent, a list part or an item missing) and
// keeps what it read when only a later step failed: the script without its syntax check
// (CheckScriptSyntax), the expressions without some engine checks (CheckExpression,
// GetFieldsFromExpression), a variable without its calculated value, an object without its timing.
// So an issue on a part or item the snapshot holds means "collected in part", not "not collected".
import type { IssuePart } from './parts';
import type { AppSnapshot } from './schema';

/** true when the snapshot holds something of `part` (the app and access details are always there) */
export function holdsPart(snapshot: AppSnapshot, part: IssuePart): boolean {
  if (part === 'connection') return false;
  const value: unknown = snapshot[part];
  if (value === undefined) return false;
  return Array.isArray(value) ? value.length > 0 : true;
}

/** true when the snapshot holds a sheet, object, story, bookmark, variable or reload with this id */
export function holdsItem(snapshot: AppSnapshot, id: string): boolean {
  const lists: readonly (readonly { id?: string | undefined }[])[] = [
    snapshot.sheets,
    snapshot.objects,
    snapshot.masterVisualizations,
    snapshot.stories,
    snapshot.bookmarks,
    snapshot.reloads?.reloads ?? [],
  ];
  // a variable's issue names it by id, or by name when it has none (lib/collect/variables.ts)
  return lists.some((list) => list.some((item) => item.id === id)) || snapshot.variables.some((v) => (v.id ?? v.name) === id);
}
