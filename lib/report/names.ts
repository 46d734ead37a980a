// Names for what a finding is about, in words a Qlik user reads: an untitled object is named by
// its type and where it is ("Bar chart on Sales overview", lib/analyze/untitled-place.ts), never
// by its type code or id; the id stays available to the view (hover, copy) through the target itself.
import type { Target } from '../analyze/result';
import type { AppSnapshot } from '../snapshot/schema';
import { untitledPlace } from '../analyze/untitled-place';
import { isKnownVisualization, isTitleExpressionName, isVisualizationWords, typeWordsOfTitleExpressionName, visualizationName } from '../snapshot/visualization-names';

/** What the report knows about an object beyond its finding's target. */
export interface ObjectFacts {
  type: string;
  /** a literal title; absent when untitled or when the title is an expression */
  title?: string;
  /** the title as the engine calculated it (layout), for a title expression */
  shownTitle?: string;
}

export type ObjectLookup = (id: string) => ObjectFacts | undefined;

const nonEmpty = (s: unknown): string | undefined => (typeof s === 'string' && s.trim() ? s : undefined);

/** Object facts from the snapshot (the side panel has it); without one, names come from the targets alone. */
export function objectLookupOf(snapshot: AppSnapshot | undefined): ObjectLookup {
  if (!snapshot) return () => undefined;
  const byId = new Map(snapshot.objects.map((o) => [o.id, o]));
  return (id) => {
    const o = byId.get(id);
    if (!o) return undefined;
    const title = o.titleIsExpression ? undefined : nonEmpty(o.title);
    const shownTitle = nonEmpty(o.layout?.title);
    return { type: o.visualization || o.type, ...(title ? { title } : {}), ...(shownTitle ? { shownTitle } : {}) };
  };
}

/**
 * The analyser names an untitled object by its type in words ("Bar chart", "Line chart (title
 * expression)"); results saved by earlier versions name it by its type code, its id or a bare
 * "(title expression)". None of these is a title to show.
 */
function isPlaceholderName(target: Target, type: string | undefined): boolean {
  const name = target.name;
  return !nonEmpty(name) || name === target.id || name === type || isTitleExpressionName(name) || isKnownVisualization(name) || isVisualizationWords(name);
}

/** The type in words a placeholder name carries: "Bar chart" from "Bar chart" or "Bar chart (title expression)"; else "Object". */
function typeWordsOf(name: string | undefined): string {
  const words = isTitleExpressionName(name) ? typeWordsOfTitleExpressionName(name) : name;
  return isVisualizationWords(words) ? words : visualizationName(undefined);
}

/**
 * The name to show for a finding's target: its title or label when it has one; for an untitled
 * object its type in words and where it is ("Bar chart on Sales overview", "Table in master items").
 */
export function targetDisplayName(target: Target, lookup: ObjectLookup = () => undefined): string {
  if (target.kind !== 'object' && target.kind !== 'master-object') {
    if (nonEmpty(target.name)) return target.name as string;
    return target.kind === 'sheet' ? 'Untitled sheet' : target.id;
  }
  const facts = lookup(target.id);
  const type = facts?.type ?? (isKnownVisualization(target.name) ? target.name : undefined);
  const title = facts ? (facts.title ?? facts.shownTitle) : isPlaceholderName(target, type) ? undefined : target.name;
  if (title) return title;
  return `${type === undefined ? typeWordsOf(target.name) : visualizationName(type)}${untitledPlace(target, 'name')}`;
}
