// Progressive analysis: the snapshots of one collection's timing pass (the inventory, then after
// each timed sheet; lib/collect/index.ts onPartial) analysed one after another, each re-running
// only the rules whose inputs changed since the last and keeping the other rules' outcomes. The
// result is the one a full analysis of the same snapshot gives (test/lib/analyze/progressive.test.ts).
//
// What a timing-pass update changes is found by comparing the two snapshots, not assumed:
// - the timing pass parts (timings, and the layouts, layout errors and calculation-condition
//   messages of the objects): the rules that need or read TIMING_PASS_PARTS run again;
// - an object whose title is an expression is named by the title the engine calculated, which comes
//   with its layout: a rule that named such an object runs again (RuleOutcome.namedObjects);
// - anything else (another configuration, a collection issue, another part, another app): every rule runs.
import { AnalysisIndex } from './analysis-index';
import type { AnalysisConfigInput } from './config';
import type { AnalysisResult } from './result';
import type { AnyRule, Need } from './rule';
import { parseConfig, resultOf, runRule, type AnalyseOptions, type RuleOutcome } from './runner';
import type { AppSnapshot, VisObject } from '../snapshot/schema';

/** The parts of the snapshot the timing pass fills in, as rules name them in `needs` and `reads` (`timings` stands for the objects' layout facts too). */
export const TIMING_PASS_PARTS: readonly Need[] = ['timings'];

/** The object facts that come from the timing pass's layouts (lib/collect/timings.ts layoutFacts). */
const LAYOUT_FACTS = new Set<string>(['layout', 'layoutErrors', 'calcCondMessage'] satisfies (keyof VisObject)[]);

/** Set when the snapshot is assembled, read by no rule: a partial update does not count them as changes. */
const NOT_ANALYSED = new Set<string>(['collectedAt', 'collectionMs'] satisfies (keyof AppSnapshot)[]);

export interface ProgressiveUpdate {
  result: AnalysisResult;
  /** the codes of the rules this update ran (all of them when it could not keep any outcome) */
  ran: string[];
}

/** What a timing-pass update changed, or undefined when the snapshots differ in anything else. */
interface TimingPassChange {
  parts: ReadonlySet<Need>;
  /** objects whose target name may differ (a title expression whose calculated title changed) */
  renamed: ReadonlySet<string>;
}

export type ProgressiveAnalysis = (snapshot: AppSnapshot, config?: AnalysisConfigInput) => ProgressiveUpdate;

/** An analysis for the snapshots of one collection, in the order they come (see the file comment). */
export function createProgressiveAnalysis(options: AnalyseOptions): ProgressiveAnalysis {
  let last: { snapshot: AppSnapshot; configKey: string; index: AnalysisIndex; outcomes: RuleOutcome[] } | undefined;
  return (snapshot, configInput) => {
    const started = performance.now();
    const config = parseConfig(configInput);
    const configKey = JSON.stringify(config);
    const change = last && last.configKey === configKey ? timingPassChange(last.snapshot, snapshot) : undefined;
    const kept = last && change ? last : undefined;
    const index = new AnalysisIndex(snapshot, kept?.index);
    const ran: string[] = [];
    const outcomes = options.rules.map((rule, i) => {
      const previous = kept?.outcomes[i];
      if (previous && change && !inputsChanged(rule, previous, change)) return previous;
      ran.push(rule.code);
      return runRule(rule, snapshot, config, index);
    });
    last = { snapshot, configKey, index, outcomes };
    return { result: resultOf(snapshot, config, outcomes, { started, ...(options.now ? { now: options.now } : {}) }), ran };
  };
}

function inputsChanged(rule: AnyRule, previous: RuleOutcome, change: TimingPassChange): boolean {
  if ([...rule.needs, ...(rule.reads ?? [])].some((part) => change.parts.has(part))) return true;
  if (change.renamed.size === 0) return false;
  if (previous.namedObjects === 'all') return true;
  for (const id of change.renamed) if (previous.namedObjects.has(id)) return true;
  return false;
}

function timingPassChange(before: AppSnapshot, after: AppSnapshot): TimingPassChange | undefined {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof AppSnapshot>;
  for (const key of keys) {
    if (key === 'timings' || key === 'objects' || NOT_ANALYSED.has(key)) continue;
    if (!samePart(before[key], after[key])) return undefined;
  }
  if (before.objects.length !== after.objects.length) return undefined;
  let layoutsChanged = before.timings !== after.timings;
  const renamed = new Set<string>();
  for (let i = 0; i < after.objects.length; i++) {
    const a = before.objects[i] as VisObject;
    const b = after.objects[i] as VisObject;
    if (a === b) continue;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof VisObject>) {
      if (a[key] === b[key]) continue;
      if (!LAYOUT_FACTS.has(key)) return undefined;
      layoutsChanged = true;
    }
    if (b.titleIsExpression && a.layout?.title !== b.layout?.title) renamed.add(b.id);
  }
  return { parts: new Set(layoutsChanged ? TIMING_PASS_PARTS : []), renamed };
}

/** The same value: the same reference, or rebuilt with the same content (the source, access and collection issues are rebuilt with each snapshot). */
function samePart(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
