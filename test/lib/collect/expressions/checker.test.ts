// The expression checker (lib/collect/expressions/checks.ts) against a scripted doc: fields are
// asked as texts are found, checks once the master labels are known, with the labels of the
// expression's own chart, once per unique text and label set.
import { describe, expect, it } from 'vitest';
import type { CollectContext } from '../../../../lib/collect/context';
import { createExpressionChecker } from '../../../../lib/collect/expressions/checks';
import { createLimiter } from '../../../../lib/collect/limiter';
import type { QixDoc } from '../../../../lib/qlik/engine/types';
import type { Expression } from '../../../../lib/snapshot/schema';

const FIELDS = new Set(['Sales', 'Quantity']);

/** A doc that answers like the engine: a bracketed name is bad unless a field or a label, dangerous when both. */
function scriptedDoc(calls: { method: string; text: string; labels?: string[] }[]): QixDoc {
  const names = (text: string): { name: string; from: number; count: number }[] =>
    [...text.matchAll(/\[([^\]]+)\]/g)].map((m) => ({ name: m[1] ?? '', from: m.index ?? 0, count: m[0].length }));
  const doc = {
    checkExpression: async (text: string, labels: string[] = []) => {
      calls.push({ method: 'CheckExpression', text, labels });
      const refs = names(text);
      return {
        qErrorMsg: '',
        qBadFieldNames: refs.filter((r) => !FIELDS.has(r.name) && !labels.includes(r.name)).map((r) => ({ qFrom: r.from, qCount: r.count })),
        qDangerousFieldNames: refs.filter((r) => FIELDS.has(r.name) && labels.includes(r.name)).map((r) => ({ qFrom: r.from, qCount: r.count })),
      };
    },
    getFieldsFromExpression: async (text: string) => {
      calls.push({ method: 'GetFieldsFromExpression', text });
      return names(text).map((r) => r.name).filter((n) => FIELDS.has(n));
    },
  };
  return doc as unknown as QixDoc;
}

function context(doc: QixDoc): CollectContext {
  return { doc, appId: 'app', issues: [], engineLimit: createLimiter(8), restLimit: createLimiter(1), sessionFailure: () => undefined, progress: () => undefined, releases: [] };
}

const expression = (id: string, text: string): Expression => ({ id, text, syntax: 'expression', location: { objectId: id, objectType: 'kpi', owner: 'object', path: '/qHyperCubeDef/qMeasures/0/qDef/qDef', kind: 'measure' } });

describe('createExpressionChecker', () => {
  it('asks GetFieldsFromExpression as texts are submitted, and CheckExpression once the master labels are known, with the labels of the expression\'s own chart', async () => {
    const calls: { method: string; text: string; labels?: string[] }[] = [];
    const checker = createExpressionChecker(context(scriptedDoc(calls)));
    // chart 1 labels a measure "Late Label"; chart 2 labels one "Quantity" (also a field)
    const chart1 = [expression('a', 'Sum([Sales]) - [Margin]'), expression('b', 'Sum([Sales]) - [Margin]'), expression('c', 'Sum([Quantity]) / [Late Label]')];
    const chart2 = [expression('e', 'Sum([Quantity]) / [Late Label]')];
    checker.submit(chart1, ['Late Label', 'Not used anywhere']);
    checker.submit(chart2, ['Quantity']);
    expect(calls).toEqual([
      { method: 'GetFieldsFromExpression', text: 'Sum([Sales]) - [Margin]' },
      { method: 'GetFieldsFromExpression', text: 'Sum([Quantity]) / [Late Label]' },
    ]);
    checker.setMasterLabels(['Margin']);
    // held until the master labels came, then sent at once (before finish)
    expect(calls.filter((c) => c.method === 'CheckExpression')).toEqual([
      { method: 'CheckExpression', text: 'Sum([Sales]) - [Margin]', labels: ['Margin'] },
      { method: 'CheckExpression', text: 'Sum([Quantity]) / [Late Label]', labels: ['Late Label'] },
      { method: 'CheckExpression', text: 'Sum([Quantity]) / [Late Label]', labels: ['Quantity'] },
    ]);
    checker.submit([expression('f', 'Sum([Sales]) - [Margin]')], ['Other']);
    const master = { ...expression('d', 'Count([Late Label 2]) + [Margin]'), location: { objectId: 'd', objectType: 'measure', owner: 'master-measure' as const, path: '/qMeasure/qDef', kind: 'measure' as const } };
    const result = await checker.finish([...chart1, ...chart2, expression('f', 'Sum([Sales]) - [Margin]'), master]);

    // one check per text and label set: "f" shares "a"'s; the master measure sees master labels only
    expect(calls.filter((c) => c.method === 'CheckExpression').slice(3)).toEqual([{ method: 'CheckExpression', text: 'Count([Late Label 2]) + [Margin]', labels: ['Margin'] }]);
    expect(calls.filter((c) => c.method === 'GetFieldsFromExpression').map((c) => c.text)).toEqual(['Sum([Sales]) - [Margin]', 'Sum([Quantity]) / [Late Label]', 'Count([Late Label 2]) + [Margin]']);
    const byId = new Map(result.map((e) => [e.id, e]));
    expect(byId.get('a')?.check).toEqual({ badFieldNames: [], dangerousFieldNames: [] });
    expect(byId.get('b')).toEqual({ ...chart1[1], check: { badFieldNames: [], dangerousFieldNames: [] }, fieldsFromEngine: ['Sales'] });
    expect(byId.get('f')?.check).toEqual({ badFieldNames: [], dangerousFieldNames: [] });
    // in chart 1 "Late Label" is a label; in chart 2 it is not (a label of another chart), and its own "Quantity" label makes the field dangerous
    expect(byId.get('c')?.check).toEqual({ badFieldNames: [], dangerousFieldNames: [] });
    expect(byId.get('e')?.check).toEqual({ badFieldNames: [{ from: 18, count: 12 }], dangerousFieldNames: [{ from: 4, count: 10 }] });
    expect(byId.get('d')?.check).toEqual({ badFieldNames: [{ from: 6, count: 14 }], dangerousFieldNames: [] });
  });

  it('finish sends the checks still held when no master label list was given', async () => {
    const calls: { method: string; text: string; labels?: string[] }[] = [];
    const checker = createExpressionChecker(context(scriptedDoc(calls)));
    const chart = [expression('a', 'Sum([Sales]) / [Units]')];
    checker.submit(chart, ['Units']);
    expect(calls.map((c) => c.method)).toEqual(['GetFieldsFromExpression']);
    const [a] = await checker.finish(chart);
    expect(calls.filter((c) => c.method === 'CheckExpression')).toEqual([{ method: 'CheckExpression', text: 'Sum([Sales]) / [Units]', labels: ['Units'] }]);
    expect(a?.check).toEqual({ badFieldNames: [], dangerousFieldNames: [] });
  });

  it('leaves field names and variable macros unchecked', async () => {
    const calls: { method: string; text: string; labels?: string[] }[] = [];
    const checker = createExpressionChecker(context(scriptedDoc(calls)));
    const field: Expression = { ...expression('f', 'Region'), syntax: 'field' };
    const macro: Expression = { ...expression('v', 'Sum(Sales)'), location: { objectId: 'v', objectType: 'variable', owner: 'variable', path: '/qDefinition', kind: 'variable' } };
    expect(await checker.finish([field, macro])).toEqual([field, macro]);
    expect(calls).toEqual([]);
  });

  it('records a malformed answer and a refused call as issues of their part, and the expression keeps no answer from them', async () => {
    const doc = {
      checkExpression: async () => ({ qErrorMsg: '', qBadFieldNames: 'none' }),
      getFieldsFromExpression: async () => {
        throw Object.assign(new Error('Invalid expression'), { code: 9001 });
      },
    } as unknown as QixDoc;
    const ctx = context(doc);
    const checker = createExpressionChecker(ctx);
    const [a] = await checker.finish([expression('a', 'Sum(Sales)')]);
    expect(a?.check).toBeUndefined();
    expect(a?.fieldsFromEngine).toBeUndefined();
    // both are issues of the expressions part: the check's malformed answer and the refused fields call
    expect(ctx.issues.map((i) => i.part)).toEqual(['expressions', 'expressions']);
    expect(ctx.issues.filter((i) => /qBadFieldNames/.test(i.message))).toHaveLength(1);
    expect(ctx.issues.filter((i) => /Invalid expression/.test(i.message))).toHaveLength(1);
  });
  it('gives every clean check one frozen answer, keeps an error message or a range in an answer of its own, and keeps only the names of a field list', async () => {
    const answers: Record<string, unknown> = {
      'Sum(A)': { qErrorMsg: '' },
      'Sum(B)': { qBadFieldNames: [], qDangerousFieldNames: [] },
      'Sum(C': { qErrorMsg: 'Error in expression' },
      'Sum([D])': { qBadFieldNames: [{ qFrom: 4, qCount: 3 }] },
    };
    const doc = {
      checkExpression: async (text: string) => answers[text],
      getFieldsFromExpression: async (text: string) => (text === 'Sum(A)' ? ['A', 3, null] : ['B']),
    } as unknown as QixDoc;
    const checker = createExpressionChecker(context(doc));
    const [a, b, c, d] = await checker.finish(Object.keys(answers).map((text, i) => expression(String(i), text)));
    expect(a?.check).toBe(b?.check);
    expect(Object.isFrozen(a?.check) && Object.isFrozen(a?.check?.badFieldNames) && Object.isFrozen(a?.check?.dangerousFieldNames)).toBe(true);
    expect(a?.check).toEqual({ badFieldNames: [], dangerousFieldNames: [] });
    expect(c?.check).toEqual({ errorMsg: 'Error in expression', badFieldNames: [], dangerousFieldNames: [] });
    expect(d?.check).toEqual({ badFieldNames: [{ from: 4, count: 3 }], dangerousFieldNames: [] });
    expect(a?.fieldsFromEngine).toEqual(['A']);
    expect(b?.fieldsFromEngine).toEqual(['B']);
  });
});
