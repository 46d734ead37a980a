// The one word for "a part of the app": a key of the AppSnapshot. Collectors declare the parts they
// fill (lib/collect/parts.ts), rules name the parts they need (lib/analyze/rule.ts `needs`), and a
// part that could not be collected is reported under the same name (`CollectionIssue.part`), as
// Lighthouse's gatherers and audits share artifact names. test/lib/snapshot/parts.test.ts checks
// that this list is exactly the snapshot's keys besides its envelope.
import { z } from '../schema/zod';

/** Every key of the AppSnapshot that holds something collected from the app. */
export const SNAPSHOT_PARTS = [
  'app', 'access', 'sheets', 'objects', 'masterMeasures', 'masterDimensions', 'masterVisualizations',
  'variables', 'bookmarks', 'stories', 'extensions', 'themes', 'dataModel', 'metadata', 'reloads', 'script',
  'expressions', 'libraryReferences', 'fieldReferences', 'mentions', 'timings', 'evaluation', 'item', 'space',
] as const;
export type SnapshotPart = (typeof SNAPSHOT_PARTS)[number];

/** The snapshot's keys that describe the collection rather than the app. */
export const SNAPSHOT_ENVELOPE = ['schemaVersion', 'collectedAt', 'collectionMs', 'source', 'collectionIssues', 'sources'] as const;

/** Not a part of the app: the engine connection dropped and was resumed (nothing is missing for it). */
const CONNECTION = 'connection';

/** What a collection issue is about: a part of the app, or the engine connection. */
export const IssuePart = z.enum([...SNAPSHOT_PARTS, CONNECTION]);
export type IssuePart = z.infer<typeof IssuePart>;

/** Each part in words, for messages and views ("Master measures could not be collected"). */
export const PART_LABELS: Record<IssuePart, string> = {
  app: 'the app',
  access: 'the access rights',
  sheets: 'sheets',
  objects: 'objects',
  masterMeasures: 'master measures',
  masterDimensions: 'master dimensions',
  masterVisualizations: 'master visualizations',
  variables: 'variables',
  bookmarks: 'bookmarks',
  stories: 'stories',
  extensions: 'extensions',
  themes: 'themes',
  dataModel: 'the data model',
  metadata: 'the data metadata',
  reloads: 'reload history',
  script: 'the load script',
  expressions: 'expressions',
  libraryReferences: 'master item references',
  fieldReferences: 'field references',
  mentions: 'mentions',
  timings: 'object layouts and timings',
  evaluation: 'the app evaluation',
  item: 'the items entry',
  space: 'the space',
  connection: 'the engine connection',
};

/**
 * The names collection issues used before parts were named by the snapshot's keys, each with the
 * part it belonged to. Stored history and imported snapshots still hold them.
 */
export const LEGACY_PART_NAMES: Readonly<Record<string, IssuePart>> = {
  fields: 'dataModel',
  reloadMetadata: 'reloads',
  reloadLog: 'reloads',
  scriptSyntax: 'script',
  expressionChecks: 'expressions',
  expressionFields: 'expressions',
  evaluations: 'evaluation',
};

/** An issue's part as stored, old names read as the part they belonged to. */
export const StoredIssuePart = z.pipe(
  z.transform((value: unknown) => (typeof value === 'string' ? (LEGACY_PART_NAMES[value] ?? value) : value)),
  IssuePart,
);

/** Parts in words, as a sentence's subject: "Sheets and variables", "The app evaluation". */
export function partsInWords(parts: readonly IssuePart[]): string {
  const labels = [...new Set(parts)].map((p) => PART_LABELS[p]);
  const joined = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}` : (labels[0] ?? '');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}
