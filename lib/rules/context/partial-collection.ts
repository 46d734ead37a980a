import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import { type IssuePart, partsInWords } from '../../snapshot/parts';
import type { AppSnapshot } from '../../snapshot/schema';
import { SOURCES } from '../shared/sources';

export default defineRule({
  code: 'G04',
  name: 'partial-collection',
  category: 'context',
  severity: 'info',
  summary: 'Parts of the app could not be collected (listed with reasons).',
  why: { text: 'Every rule works on what was collected; when a part is missing the result says so rather than pretending the app is clean.', sources: [SOURCES.engineApi] },
  howToFix: 'Follow the reasons (rights, engine errors, network) and analyse again.',
  severityReason:
    'A note on the gaps in what was collected, so that a clean result is not read as a clean app; nothing in the app is wrong.',
  options: z.object({}),
  needs: [],
  check(ctx) {
    // App-level issues with the same reason (e.g. every engine part in a REST-only run) are one finding.
    const groups = new Map<string, (typeof ctx.snapshot.collectionIssues)[number][]>();
    for (const issue of ctx.snapshot.collectionIssues) {
      const key = issue.objectId || issue.part === 'connection' ? `${issue.part}\u0000${issue.objectId ?? ''}\u0000${issue.code}\u0000${issue.message}` : `\u0000${issue.code}\u0000${issue.message}`;
      groups.set(key, [...(groups.get(key) ?? []), issue]);
    }
    for (const issues of groups.values()) {
      const [issue] = issues as [(typeof issues)[number]];
      const parts = [...new Set(issues.map((i) => i.part))];
      const bookmark = issue.part === 'bookmarks' && issue.objectId ? ctx.snapshot.bookmarks.find((b) => b.id === issue.objectId) : undefined;
      const target = bookmark
        ? { kind: 'bookmark' as const, id: bookmark.id, ...(bookmark.title ? { name: bookmark.title } : {}) }
        : issue.objectId
          ? ctx.index.objectTarget(issue.objectId)
          : ctx.index.appTarget();
      const what = bookmark ? `Bookmark ${bookmark.id}` : issue.objectId ? `Object ${issue.objectId}` : partsInWords(parts);
      // a part (or bookmark) that is there lacks only some of its data (the script without its syntax check)
      const inFull = bookmark || (!issue.objectId && parts.every((p) => isCollected(ctx.snapshot, p))) ? ' in full' : '';
      ctx.report({
        target,
        // a resumed connection is not a missing part: say what happened
        message: issue.part === 'connection' ? `Engine connection: ${issue.message} (${issue.code}).` : `${what} could not be collected${inFull}: ${issue.message} (${issue.code}).`,
        data: issues.length > 1 ? { ...issue, parts } : { ...issue },
        content: `${parts.join(',')}\u0000${issue.code}\u0000${issue.objectId ?? ''}`,
      });
    }
  },
});

/** The part holds something: present, and not an empty list. */
function isCollected(snapshot: AppSnapshot, part: IssuePart): boolean {
  if (part === 'connection') return false;
  const value: unknown = snapshot[part];
  return value !== undefined && !(Array.isArray(value) && value.length === 0);
}
