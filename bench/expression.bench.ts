// Parse-and-query throughput of the expression module on real expressions (../shared/corpus, or the
// committed fixtures when the corpus is absent), replicated to 10,000, next to a baseline measured in
// the same run: tokenising the same text with one plain regular expression.
import type { BenchResult } from './run';
import { analyseExpression, collectReferences, parseExpression, type VariableDefinition } from '../lib/expression/index';
import { corpusAvailable, corpusExpressions, corpusVariables } from '../test/lib/expression/corpus';
import { VALID_EXPRESSIONS } from '../test/lib/expression/fixtures/real-world';

const COUNT = 10_000;
const ROUNDS = 5;
const TOKEN = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"|\[(?:[^\]]|\]\])*\]|`[^`]*`|\d*\.?\d+(?:e[+-]?\d+)?|[^\W\d][\w.#$]*|\$\(|<=|>=|<>|<<|>>|[(){}<>=+\-*/&,]/giu;

interface Sample {
  text: string;
  variables: ReadonlyMap<string, VariableDefinition>;
}

function sample(): { items: Sample[]; source: string } {
  const none = new Map<string, VariableDefinition>();
  const byApp = new Map<string, Map<string, VariableDefinition>>();
  const base: Sample[] = corpusAvailable()
    ? corpusExpressions().map((e) => {
        if (!byApp.has(e.app)) byApp.set(e.app, corpusVariables(e.app));
        return { text: e.text, variables: byApp.get(e.app) ?? none };
      })
    : VALID_EXPRESSIONS.map((text) => ({ text, variables: none }));
  const items: Sample[] = [];
  for (let i = 0; items.length < COUNT; i++) items.push(base[i % base.length]);
  return { items, source: corpusAvailable() ? `${base.length} corpus expressions` : `${base.length} fixture expressions` };
}

/** best of ROUNDS, in milliseconds */
function time(run: () => number): { ms: number; check: number } {
  let best = Infinity;
  let check = 0;
  run(); // warm-up
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    check = run();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, check };
}

export default async function bench(): Promise<BenchResult[]> {
  const { items, source } = sample();
  const baseline = time(() => {
    let n = 0;
    for (const { text } of items) for (const _ of text.matchAll(TOKEN)) n++;
    return n;
  });
  const parse = time(() => {
    let n = 0;
    for (const { text } of items) n += collectReferences(parseExpression(text).ast).fields.length;
    return n;
  });
  const analyse = time(() => {
    let n = 0;
    for (const { text, variables } of items) n += analyseExpression(text, { variables }).references.fields.length;
    return n;
  });
  const perSecond = (ms: number) => (COUNT / ms) * 1000;
  const baselineResult = { name: 'regex tokenising', value: perSecond(baseline.ms) };
  return [
    {
      name: `parse + query (${source} replicated to ${COUNT.toLocaleString('en-US')})`,
      value: perSecond(parse.ms),
      unit: 'expressions/s',
      baseline: baselineResult,
      target: `${COUNT.toLocaleString('en-US')} expressions in under 1 s (took ${parse.ms.toFixed(0)} ms)`,
      meetsTarget: parse.ms < 1000,
    },
    {
      name: 'dollar expansion + parse + query (analyseExpression)',
      value: perSecond(analyse.ms),
      unit: 'expressions/s',
      baseline: baselineResult,
      target: `${COUNT.toLocaleString('en-US')} expressions in under 1 s (took ${analyse.ms.toFixed(0)} ms)`,
      meetsTarget: analyse.ms < 1000,
    },
  ];
}
