import { z } from '../../schema/zod';
import { defineRule } from '../../analyze/rule';
import type { AnalysisIndex } from '../../analyze/analysis-index';
import { isCountedBy } from '../../expression/queries';
import { describeSite, reportAt } from '../shared/helpers';
import { SOURCES } from '../shared/sources';

/** Fewest key hops between any table of `from` and any table of `to` (tables linked by shared key fields). */
const graphs = new WeakMap<AnalysisIndex, Map<string, Set<string>>>();

function keyGraph(index: AnalysisIndex): Map<string, Set<string>> {
  let neighbours = graphs.get(index);
  if (neighbours) return neighbours;
  neighbours = new Map();
  for (const field of index.fields.values()) {
    if (field.tables.length < 2) continue;
    for (const a of field.tables) for (const b of field.tables) if (a !== b) neighbours.set(a, (neighbours.get(a) ?? new Set()).add(b));
  }
  graphs.set(index, neighbours);
  return neighbours;
}

function hops(index: AnalysisIndex, fromTables: string[], toTables: string[]): number | undefined {
  const neighbours = keyGraph(index);
  const goal = new Set(toTables);
  let frontier = [...new Set(fromTables)];
  const seen = new Set(frontier);
  for (let distance = 0; frontier.length > 0; distance++) {
    if (frontier.some((t) => goal.has(t))) return distance;
    const next: string[] = [];
    for (const t of frontier) {
      for (const n of neighbours.get(t) ?? []) {
        if (seen.has(n)) continue;
        seen.add(n);
        next.push(n);
      }
    }
    frontier = next;
  }
  return undefined;
}

export default defineRule({
  code: 'P14',
  name: 'distant-count-distinct',
  category: 'performance',
  severity: 'info',
  summary: "Count(DISTINCT f) where f's table is several key hops away from the tables of the chart's dimensions.",
  why: {
    text: 'Count(distinct) is not slow by itself; what costs is the distance: the engine must join through every table between the dimension and the counted field, single-threaded for that part.',
    sources: [SOURCES.countDistinctMyth],
  },
  howToFix: 'Count a field in the fact table (a key or a counter field made in the script), or move the field closer in the data model.',
  severityReason:
    'Count(distinct) is not slow by itself; what the key hops cost depends on the data and was not measured: a suggestion to check.',
  options: z.object({ minHops: z._default(z.number().check(z.int(), z.positive()), 2).check(z.describe('key hops at which to report')) }),
  needs: ['objects', 'dataModel'],
  check(ctx) {
    const { index } = ctx;
    const dimsOf = new Map<string, { dims: string[]; tables: string[] }>();
    const distances = new Map<string, number | undefined>();
    for (const e of index.expressions) {
      if (e.expression.location.owner !== 'object' || e.expression.location.kind !== 'measure') continue;
      const refs = e.parsed.references();
      if (!refs?.calls.some((c) => c.distinct === 'DISTINCT')) continue;
      const objectId = e.expression.location.objectId;
      let chart = dimsOf.get(objectId);
      if (!chart) {
        const dims = index.dimensionFieldsOf(objectId).filter((d) => index.hasField(d));
        chart = { dims, tables: dims.flatMap((d) => index.fields.get(d)?.tables ?? []) };
        dimsOf.set(objectId, chart);
      }
      const { dims, tables: dimTables } = chart;
      if (dims.length === 0) continue;
      for (const call of refs.calls) {
        if (call.node.name.toUpperCase() !== 'COUNT' || call.distinct !== 'DISTINCT') continue;
        const counted = e.parsed.fields.find((f) => isCountedBy(f, call) && index.hasField(f.name));
        if (!counted) continue;
        const hopKey = `${counted.name}\u0000${objectId}`;
        const distance = distances.has(hopKey) ? distances.get(hopKey) : hops(index, index.fields.get(counted.name)?.tables ?? [], dimTables);
        distances.set(hopKey, distance);
        if (distance === undefined || distance < ctx.options.minHops) continue;
        reportAt(ctx, e, `The ${describeSite(ctx, e)} counts distinct ${counted.name}, ${distance} key hops from the tables of the dimensions (${dims.join(', ')}); threshold ${ctx.options.minHops}.`, e.parsed.toOriginal(call.from, call.to), {
          data: { field: counted.name, hops: distance },
          content: `${e.expression.location.path}\u0000${e.expression.text}\u0000${distance}`,
        });
        break;
      }
    }
  },
});
