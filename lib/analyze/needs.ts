// Whether the snapshot holds what a rule declared it needs. A rule whose data is missing is
// reported as "could not run" with the reason, never as a silent pass.
import { appSizeBytes } from '../snapshot/app-size';
import { holdsPart } from '../snapshot/holds';
import { shouldCheck } from '../snapshot/engine-checked';
import { PART_LABELS, type IssuePart, type SnapshotPart } from '../snapshot/parts';
import { PUBLISH_STATE_UNKNOWN } from '../snapshot/publish-state';
import type { AppSnapshot } from '../snapshot/schema';
import type { Need } from './rule';

/** The reason a part-wide collection issue gives, if one of these parts failed (as a whole, or in part when the snapshot holds it). */
function failedPart(snapshot: AppSnapshot, parts: IssuePart[]): string | undefined {
  const issue = snapshot.collectionIssues.find((i) => i.objectId === undefined && parts.includes(i.part));
  if (!issue) return undefined;
  return `${PART_LABELS[issue.part]} could not be collected${holdsPart(snapshot, issue.part) ? ' in full' : ''}: ${issue.message}`;
}

type Check = (s: AppSnapshot) => string | undefined;

/** A part that is there unless it failed as a whole (the list parts, read by a rule as they are). */
const listed =
  (part: SnapshotPart): Check =>
  (s) =>
    failedPart(s, [part]);

/** An optional part: absent means not collected, with the part's issue when there is one. */
const present =
  (part: SnapshotPart, notCollected: string): Check =>
  (s) =>
    s[part] !== undefined ? undefined : (failedPart(s, [part]) ?? notCollected);

const checks: Record<Need, Check> = {
  app: listed('app'),
  access: listed('access'),
  sheets: listed('sheets'),
  // objects are found through their sheets: a sheet list that failed leaves them out too
  objects: (s) => failedPart(s, ['sheets', 'objects']),
  masterMeasures: listed('masterMeasures'),
  masterDimensions: listed('masterDimensions'),
  masterVisualizations: listed('masterVisualizations'),
  variables: listed('variables'),
  bookmarks: listed('bookmarks'),
  stories: listed('stories'),
  extensions: present('extensions', 'the installed extensions were not collected'),
  themes: present('themes', 'the installed themes were not collected'),
  dataModel: (s) => {
    if (s.app.directQuery) return 'Direct Query app: there is no in-memory data model';
    if (!s.dataModel) return failedPart(s, ['dataModel']) ?? 'the data model was not collected';
    if (s.dataModel.fields.length === 0 && s.dataModel.tables.length === 0) return 'the data model is empty (the app holds no data)';
    return failedPart(s, ['dataModel']);
  },
  metadata: present('metadata', 'the REST data metadata was not collected'),
  reloads: present('reloads', 'reload history was not collected'),
  script: (s) => {
    if (s.script) return undefined;
    if (!s.access.canReadScript) return 'no rights to read the load script';
    return failedPart(s, ['script']) ?? 'the load script was not collected';
  },
  expressions: listed('expressions'),
  libraryReferences: listed('libraryReferences'),
  fieldReferences: listed('fieldReferences'),
  mentions: present('mentions', 'the mentions (expressions kept but not evaluated) were not collected'),
  timings: present('timings', 'object layouts and timings were not collected'),
  evaluation: present('evaluation', 'no finished app evaluation (run one in Qlik Cloud to enable this rule)'),
  item: present('item', 'the items entry was not collected'),
  space: present('space', 'the space was not collected'),
  // derived needs (rule.ts DerivedNeed)
  appSize: (s) => {
    if (appSizeBytes(s) !== undefined) return undefined;
    return failedPart(s, ['dataModel', 'metadata']) ?? "the app's size in memory is not known (no data model, no REST metadata)";
  },
  expressionChecks: (s) => {
    // a failed GetFieldsFromExpression is an `expressions` issue too: only a check left unanswered counts
    const unanswered = s.expressions.some((e) => shouldCheck(e) && !e.check);
    const failed = unanswered ? failedPart(s, ['expressions']) : undefined;
    if (failed) return failed;
    const checkable = s.expressions.filter((e) => e.syntax === 'expression');
    if (checkable.length > 0 && !checkable.some((e) => e.check)) return 'the engine expression check (CheckExpression) was not collected';
    return undefined;
  },
  publishState: (s) => s.collectionIssues.find((i) => i.code === PUBLISH_STATE_UNKNOWN)?.message,
};

/** The first missing need's reason, or undefined when everything the rule needs is there. */
export function missingNeed(snapshot: AppSnapshot, needs: readonly Need[]): string | undefined {
  for (const need of needs) {
    const reason = checks[need](snapshot);
    if (reason) return reason;
  }
  return undefined;
}
