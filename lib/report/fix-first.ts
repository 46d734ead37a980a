// "Fix first", like Lighthouse's opportunities: the few changes that gain the most, each with its
// estimated gain. In this order: what is broken for the app's users (errors, by how many objects
// they break), the memory unused fields hold (R01, with its DROP FIELDS statement), calculation
// time (P01 objects, P02 sheets whose objects are not listed already) and reload time (S04).
import type { AnalysisResult, Finding } from '../analyze/result';
import { SlowObjectData, SlowReloadData, SlowSheetData } from '../rules/shared/time-finding-data';
import { UNUSED_FIELD_SUMMARY } from '../rules/shared/unused-field-summary';
import type { ReadyStatement } from './ready-statement';
import type { Gain } from './report-schema';
import { distinctTargets, groupFindings, type GroupOptions } from './groups';
import { unusedFieldsMemory } from './overview';

export interface FixFirstItem {
  key: string;
  rule: string;
  name: string;
  /** what to fix: the cause of a group, or the one finding's message */
  title: string;
  gain: Gain;
  /** the occurrences (each keeps its own "Show in app" and hiding) */
  findings: Finding[];
  /** a ready statement to paste (R01's DROP FIELDS) */
  statement?: ReadyStatement;
}

function objectMs(f: Finding): number | undefined {
  const data = SlowObjectData.safeParse(f.data);
  if (!data.success) return undefined;
  return data.data.firstMs ?? (data.data.responseTimeSeconds !== undefined ? data.data.responseTimeSeconds * 1000 : undefined);
}

function brokenItems(findings: readonly Finding[], options: GroupOptions): FixFirstItem[] {
  const errors = findings.filter((f) => f.severity === 'error' && f.category !== 'context');
  return groupFindings(errors, options)
    .map((group) => ({
      key: `broken:${group.key}`,
      rule: group.rule,
      name: group.name,
      title: group.findings.length === 1 ? group.findings[0].message : group.cause.label || options.ruleSummary?.(group.rule) || group.findings[0].message,
      gain: { kind: 'broken' as const, places: distinctTargets(group.findings) },
      findings: group.findings,
    }))
    .sort((a, b) => b.gain.places - a.gain.places || b.findings.length - a.findings.length);
}

function memoryItem(result: AnalysisResult): FixFirstItem[] {
  const unused = unusedFieldsMemory(result, undefined);
  if (!unused || unused.totalBytes <= 0) return [];
  const rule = UNUSED_FIELD_SUMMARY.rule;
  const findings = result.findings.filter((f) => f.rule === rule);
  if (findings.length === 0) return [];
  return [
    {
      key: `memory:${rule}`,
      rule,
      name: findings[0].name,
      title: `Drop ${unused.fieldCount === 1 ? 'the unused field' : `${unused.fieldCount} unused fields`}`,
      gain: { kind: 'memory', bytes: unused.totalBytes, fields: unused.fieldCount },
      findings,
      ...(unused.statement ? { statement: unused.statement } : {}),
    },
  ];
}

function calcTimeItems(findings: readonly Finding[]): FixFirstItem[] {
  const items: FixFirstItem[] = [];
  const listed = new Set<string>();
  for (const f of findings) {
    if (f.rule !== 'P01') continue;
    const ms = objectMs(f);
    if (ms === undefined) continue;
    listed.add(f.target.id);
    items.push({ key: `calc:${f.id}`, rule: f.rule, name: f.name, title: f.message, gain: { kind: 'calc-time', ms }, findings: [f] });
  }
  for (const f of findings) {
    if (f.rule !== 'P02') continue;
    const data = SlowSheetData.safeParse(f.data);
    if (!data.success) continue;
    // a sheet whose slow objects are already listed would count the same time twice
    if (data.data.slowest?.some((o) => listed.has(o.objectId))) continue;
    items.push({ key: `calc:${f.id}`, rule: f.rule, name: f.name, title: f.message, gain: { kind: 'calc-time', ms: data.data.totalMs }, findings: [f] });
  }
  return items.sort((a, b) => (b.gain as { ms: number }).ms - (a.gain as { ms: number }).ms);
}

function reloadItems(findings: readonly Finding[]): FixFirstItem[] {
  return findings.flatMap((f) => {
    if (f.rule !== 'S04') return [];
    const data = SlowReloadData.safeParse(f.data);
    const ms = data.success ? Math.max(data.data.durationMs ?? 0, data.data.cpuMs ?? 0) : 0;
    return ms > 0 ? [{ key: `reload:${f.id}`, rule: f.rule, name: f.name, title: f.message, gain: { kind: 'reload-time' as const, ms }, findings: [f] }] : [];
  });
}

/** How many rows of Fix first the report's Overview shows (all of them are in Findings). */
export const FIX_FIRST_OVERVIEW_ROWS = 5;

/** The Fix first list of a result (its shown findings; hidden ones are not counted). */
export function fixFirst(result: AnalysisResult, options: GroupOptions = {}): FixFirstItem[] {
  return [...brokenItems(result.findings, options), ...memoryItem(result), ...calcTimeItems(result.findings), ...reloadItems(result.findings)];
}

/** The ids of the findings Fix first lists, so the other sections do not list them again. */
export function fixFirstIds(items: readonly FixFirstItem[]): Set<string> {
  return new Set(items.flatMap((item) => item.findings.map((f) => f.id)));
}
