import { describe, expect, it } from 'vitest';
import { analyseExpression, collectReferences, parseExpression } from '../../../lib/expression/index';
import { corpusAvailable, corpusExpressions, corpusVariables, CORPUS_DIR } from './corpus';

const available = corpusAvailable();
if (!available) console.warn(`[skip] corpus not found at ${CORPUS_DIR}: real-app expression tests skipped`);

describe.skipIf(!available)('real apps in ../shared/corpus', () => {
  const expressions = available ? corpusExpressions() : [];

  it('finds the expressions of all three apps', () => {
    const apps = new Set(expressions.map((e) => e.app));
    expect([...apps].sort()).toEqual(['app-h', 'consumer-sales', 'reload-analyzer']);
    expect(expressions.length).toBeGreaterThan(500);
  });

  it('parses every expression without a syntax, function or qualifier diagnostic', () => {
    const problems: string[] = [];
    const variablesByApp = new Map(['consumer-sales', 'reload-analyzer', 'app-h'].map((app) => [app, corpusVariables(app)]));
    for (const e of expressions) {
      const a = analyseExpression(e.text, { variables: variablesByApp.get(e.app) });
      // undefined-variable is real: those apps use variables their variables.json does not list
      for (const d of a.diagnostics.filter((x) => x.code !== 'undefined-variable'))
        problems.push(`${e.app} ${e.file} ${e.path}: ${d.code} ${d.message} at ${d.from} in ${JSON.stringify(e.text)}`);
    }
    expect(problems).toEqual([]);
  });

  it('parses every expression also without expansion (dollar signs read as unknown operands)', () => {
    const problems = expressions
      .map((e) => ({ e, d: parseExpression(e.text).diagnostics }))
      .filter((x) => x.d.length > 0)
      .map((x) => `${x.e.path}: ${x.d[0].message} in ${JSON.stringify(x.e.text)}`);
    expect(problems).toEqual([]);
  });

  it('expands the reload-analyzer colour macros through their script definitions', () => {
    const e = expressions.find((x) => x.text.startsWith('$(c_blue_alpha(([API Reloads]'));
    expect(e).toBeDefined();
    const a = analyseExpression(e?.text ?? '', { variables: corpusVariables('reload-analyzer') });
    expect(a.expandedText.startsWith('ARGB(([API Reloads] * 255 / ')).toBe(true);
    expect(a.references.colours.map((c) => c.text)).toEqual(['ARGB']);
    expect(a.references.fields.map((f) => f.name)).toContain('API Reloads');
  });

  it('finds the set analysis of the consumer-sales measures', () => {
    const western = expressions.find((x) => x.app === 'consumer-sales' && x.text.includes('{"Western"}'));
    const refs = collectReferences(parseExpression(western?.text ?? '').ast);
    expect(refs.modifiers.map((m) => [m.field, m.literals.map((l) => l.value)])).toContainEqual(['Region Name', ['Western']]);
    expect(refs.fields.filter((f) => f.role === 'expression').map((f) => f.name)).toEqual(['Sales Margin Amount', 'Sales Amount']);
  });
});
