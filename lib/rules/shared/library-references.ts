// Shared by Q04–Q06: links (qLibraryId / qExtendsId) to master items that no longer exist.
import type { RuleContext } from '../../analyze/rule';
import type { LibraryReference } from '../../snapshot/schema';

const WORDS: Record<LibraryReference['kind'], string> = { measure: 'master measure', dimension: 'master dimension', visualization: 'master visualization' };

/** "Measure 2 of object …" for a hypercube slot; the whole object when it extends a master visualization. */
function slot(path: string): string {
  const m = /\/(qMeasures|qDimensions)\/(\d+)/.exec(path);
  if (!m) return 'The';
  return `${m[1] === 'qMeasures' ? 'Measure' : 'Dimension'} ${Number(m[2]) + 1} of`;
}

export function reportMissingLibraryItems(ctx: RuleContext<unknown>, kind: LibraryReference['kind'], existing: ReadonlySet<string>): void {
  for (const ref of ctx.snapshot.libraryReferences) {
    if (ref.kind !== kind || existing.has(ref.targetId)) continue;
    const target = ctx.index.objectTarget(ref.objectId);
    ctx.report({
      target,
      path: ref.path,
      message: `${slot(ref.path)} ${ctx.index.describeTarget(target)} links to ${WORDS[kind]} "${ref.targetId}", which no longer exists.`,
      data: { libraryId: ref.targetId },
      content: `${ref.path}\u0000${ref.targetId}`,
    });
  }
}
