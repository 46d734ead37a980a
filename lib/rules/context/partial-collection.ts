import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { holdsItem, holdsPart } from '../../snapshot/holds';
import { PART_LABELS, partsInWords, type IssuePart } from '../../snapshot/parts';
import type { AppSnapshot, CollectionIssue } from '../../snapshot/schema';
import { shouldCheck } from '../../snapshot/engine-checked';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'G04',
  name: 'partial-collection',
  category: 'context',
  severity: 'info',
  summary: 'Parts of the app could not be collected, or only in part (listed with reasons).',
  why: {
    text: 'Every rule works on what was collected; when a part is missing, or was read without one of its engine checks (the script without CheckScriptSyntax, expressions without CheckExpression), the result says so rather than pretending the app is clean.',
    sources: [SOURCES.engineApi],
  },
  howToFix: 'Follow the reasons (rights, engine errors, network) and analyse again.',
  severityReason:
    'A note on the gaps in what was collected, so that a clean result is not read as a clean app; nothing in the app is wrong.',
  options: z.object({}),
  needs: [],
  check(ctx) {
    const { snapshot } = ctx;
    // Issues of parts the snapshot lacks with the same reason (e.g. every engine part in a REST-only
    // run) are one finding; a part it holds was read in part, and says what it lacks on its own.
    const groups = new Map<string, { issues: CollectionIssue[]; inPart: boolean }>();
    for (const issue of snapshot.collectionIssues) {
      const inPart = issue.objectId !== undefined ? holdsItem(snapshot, issue.objectId) : holdsPart(snapshot, issue.part);
      const key = issue.objectId || issue.part === 'connection' || inPart ? `${issue.part}\u0000${issue.objectId ?? ''}\u0000${issue.code}\u0000${issue.message}` : `\u0000${issue.code}\u0000${issue.message}`;
      const group = groups.get(key);
      if (group) group.issues.push(issue);
      else groups.set(key, { issues: [issue], inPart });
    }
    // the fingerprint leaves the message out (it may change between runs), unless two findings
    // would share one: they would be one finding (an offline run has two expression issues, one code)
    const contentOf = (issues: CollectionIssue[]): string => {
      const [issue] = issues as [CollectionIssue];
      return `${[...new Set(issues.map((i) => i.part))].join(',')}\u0000${issue.code}\u0000${issue.objectId ?? ''}`;
    };
    const contentCounts = new Map<string, number>();
    for (const { issues } of groups.values()) contentCounts.set(contentOf(issues), (contentCounts.get(contentOf(issues)) ?? 0) + 1);
    // what a part lacks is said once, on its first finding
    const explained = new Set<IssuePart>();
    for (const { issues, inPart } of groups.values()) {
      const [issue] = issues as [CollectionIssue];
      const parts = [...new Set(issues.map((i) => i.part))];
      const content = contentOf(issues);
      const explain = inPart && issue.objectId === undefined && !explained.has(issue.part);
      if (explain) explained.add(issue.part);
      // an issue on one bookmark names that bookmark (offline: a bookmark kept without its selections)
      const bookmark = issue.part === 'bookmarks' && issue.objectId ? snapshot.bookmarks.find((b) => b.id === issue.objectId) : undefined;
      ctx.report({
        target: bookmark
          ? { kind: 'bookmark', id: bookmark.id, ...(bookmark.title ? { name: bookmark.title } : {}) }
          : issue.objectId
            ? ctx.index.objectTarget(issue.objectId)
            : ctx.index.appTarget(),
        message: messageOf(snapshot, issue, parts, inPart, explain, bookmark ? 'Bookmark' : 'Object'),
        data: { ...issue, ...(issues.length > 1 ? { parts } : {}), ...(inPart ? { inPart } : {}) },
        content: (contentCounts.get(content) ?? 0) > 1 ? `${content}\u0000${issue.message}` : content,
      });
    }
  },
});

function messageOf(snapshot: AppSnapshot, issue: CollectionIssue, parts: IssuePart[], inPart: boolean, explain: boolean, item: 'Object' | 'Bookmark'): string {
  const reason = `${issue.message} (${issue.code}).`;
  // a resumed connection is not a missing part: say what happened
  if (issue.part === 'connection') return `Engine connection: ${reason}`;
  if (issue.objectId !== undefined) return inPart ? `${item} ${issue.objectId} could not be collected in full (${PART_LABELS[issue.part]}): ${reason}` : `${item} ${issue.objectId} could not be collected: ${reason}`;
  if (!inPart) return `${partsInWords(parts)} could not be collected: ${reason}`;
  return [`${partsInWords(parts)} could not be collected in full: ${reason}`, ...(explain ? whatIsMissing(snapshot, issue.part) : [])].join(' ');
}

/** What a part the snapshot holds lacks, read from the snapshot, and what that means for the findings. */
function whatIsMissing(snapshot: AppSnapshot, part: IssuePart): string[] {
  if (part === 'script' && snapshot.script && !snapshot.script.syntaxErrors) {
    return ['The script was read, but the engine did not check its syntax (CheckScriptSyntax): script syntax errors (S01) are not reported.'];
  }
  if (part !== 'expressions') return [];
  const sent = snapshot.expressions.filter(shouldCheck);
  const unchecked = sent.filter((e) => !e.check).length;
  const withoutFields = sent.filter((e) => !e.fieldsFromEngine).length;
  const have = (n: number): string => `${n} of the ${sent.length} expressions sent to the engine ${n === 1 ? 'has' : 'have'}`;
  return [
    ...(unchecked > 0
      ? [`${have(unchecked)} no engine check (CheckExpression): the rules that need the engine's verdict could not run, and a syntax error in those expressions is found by Qlarity's parser alone.`]
      : []),
    ...(withoutFields > 0 ? [`${have(withoutFields)} no field list from the engine (GetFieldsFromExpression).`] : []),
  ];
}
