// The list parts every AppSnapshot must have, empty: where a snapshot is built by hand rather
// than collected from the engine (the REST-only collection, test fixtures).
import type { AppSnapshot } from './schema';

export type SnapshotListParts = Pick<
  AppSnapshot,
  | 'sheets'
  | 'objects'
  | 'masterMeasures'
  | 'masterDimensions'
  | 'masterVisualizations'
  | 'variables'
  | 'bookmarks'
  | 'stories'
  | 'expressions'
  | 'libraryReferences'
  | 'fieldReferences'
  | 'collectionIssues'
>;

/** Fresh empty arrays on every call, so a builder can push into its own. */
export function emptySnapshotParts(): SnapshotListParts {
  return {
    sheets: [],
    objects: [],
    masterMeasures: [],
    masterDimensions: [],
    masterVisualizations: [],
    variables: [],
    bookmarks: [],
    stories: [],
    expressions: [],
    libraryReferences: [],
    fieldReferences: [],
    collectionIssues: [],
  };
}
