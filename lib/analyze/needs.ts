// Whether the snapshot holds what a rule declared it needs. A rule whose data is missing is
// reported as "could not run" with the reason, never as a silent pass.
import { appSizeBytes } from '../snapshot/app-size';
import type { AppSnapshot, CollectionPart } from '../snapshot/schema';
import type { Need } from './rule';

/** The reason a part-wide collection issue gives, if one of these parts failed as a whole. */
function failedPart(snapshot: AppSnapshot, parts: CollectionPart[]): string | undefined {
  const issue = snapshot.collectionIssues.find((i) => i.objectId === undefined && parts.includes(i.part));
  return issue ? `${issue.part} could not be collected: ${issue.message}` : undefined;
}

const checks: Record<Need, (s: AppSnapshot) => string | undefined> = {
  objects: (s) => failedPart(s, ['sheets', 'objects']),
  masterItems: (s) => failedPart(s, ['masterMeasures', 'masterDimensions', 'masterVisualizations']),
  variables: (s) => failedPart(s, ['variables']),
  bookmarks: (s) => failedPart(s, ['bookmarks']),
  dataModel: (s) => {
    if (s.app.directQuery) return 'Direct Query app: there is no in-memory data model';
    if (!s.dataModel) return failedPart(s, ['dataModel', 'fields']) ?? 'the data model was not collected';
    if (s.dataModel.fields.length === 0 && s.dataModel.tables.length === 0) return 'the data model is empty (the app holds no data)';
    return failedPart(s, ['dataModel', 'fields']);
  },
  appSize: (s) => {
    if (appSizeBytes(s) !== undefined) return undefined;
    return failedPart(s, ['dataModel', 'metadata']) ?? "the app's size in memory is not known (no data model, no REST metadata)";
  },
  script: (s) => {
    if (s.script) return undefined;
    if (!s.access.canReadScript) return 'no rights to read the load script';
    return failedPart(s, ['script']) ?? 'the load script was not collected';
  },
  reloads: (s) => (s.reloads ? undefined : (failedPart(s, ['reloads']) ?? 'reload history was not collected')),
  evaluation: (s) =>
    s.evaluation ? undefined : (failedPart(s, ['evaluations']) ?? 'no finished app evaluation (run one in Qlik Cloud to enable this rule)'),
  layouts: (s) => (s.timings ? undefined : (failedPart(s, ['timings']) ?? 'object layouts and timings were not collected')),
  expressionChecks: (s) => {
    const failed = failedPart(s, ['expressionChecks']);
    if (failed) return failed;
    const checkable = s.expressions.filter((e) => e.syntax === 'expression');
    if (checkable.length > 0 && !checkable.some((e) => e.check)) return 'the engine expression check (CheckExpression) was not collected';
    return undefined;
  },
  extensions: (s) => (s.extensions ? undefined : (failedPart(s, ['extensions']) ?? 'the installed extensions were not collected')),
  themes: (s) => (s.themes ? undefined : (failedPart(s, ['themes']) ?? 'the installed themes were not collected')),
};

/** The first missing need's reason, or undefined when everything the rule needs is there. */
export function missingNeed(snapshot: AppSnapshot, needs: readonly Need[]): string | undefined {
  for (const need of needs) {
    const reason = checks[need](snapshot);
    if (reason) return reason;
  }
  return undefined;
}
