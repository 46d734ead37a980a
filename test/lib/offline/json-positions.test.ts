// `jsonPositions` walks JSON text by hand: checked here against what JSON.parse reads from the same
// text, on generated values (any string, keys with '/' and '~', escapes, nested saved items), written
// pretty (every value on its own line, so its line is known), compact, with CRLF and with a BOM.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonPositions } from '../../../lib/offline/folder-reader';

const pointerKey = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What the parsed value says the positions are: the line of every value of `JSON.stringify(value, null, 2)`
 * (a non-empty container's children each start a line, its closer takes one), and the first object
 * holding each string `qInfo.qId`, in text order. Returns how many lines the value spans.
 */
function expected(value: unknown, pointer: string, line: number, out: { lines: Map<string, number>; owners: Map<string, string> }): number {
  out.lines.set(pointer, line);
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : isObject(value) ? Object.entries(value) : [];
  if (entries.length === 0) return 1;
  let at = line + 1;
  for (const [key, child] of entries) {
    if (key === 'qInfo' && isObject(child) && typeof child.qId === 'string' && !out.owners.has(child.qId)) out.owners.set(child.qId, pointer);
    at += expected(child, `${pointer}/${pointerKey(key)}`, at, out);
  }
  return at - line + 1;
}

const key = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('qInfo', 'qId', 'a/b', '~1', '~', '', '"', '\\', '__proto__'));
const { value: tree } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' }),
    tie('item'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
  // a saved item: its qInfo.qId (repeated ids, escapes, or not a string) and what it holds
  item: fc.record({
    qInfo: fc.record({ qId: fc.oneof(fc.constantFrom('a', 'b', 'q"\\/~\u2028'), fc.string({ unit: 'binary' }), fc.integer()), qType: fc.string() }),
    qChildren: fc.array(tie('value'), { maxLength: 3 }),
  }),
}));

describe('jsonPositions against JSON.parse', () => {
  it('pretty JSON (LF, CRLF, with a BOM): the line of every value and the owner of every qInfo.qId', () => {
    fc.assert(
      fc.property(tree, fc.constantFrom('\n', '\r\n'), fc.boolean(), (generated, eol, bom) => {
        const text = (bom ? '\uFEFF' : '') + JSON.stringify(generated, null, 2).replace(/\n/g, eol);
        const out = { lines: new Map<string, number>(), owners: new Map<string, string>() };
        expected(JSON.parse(text.replace(/^\uFEFF/, '')), '', 1, out);
        const found = jsonPositions(text);
        expect(found.lines).toEqual(out.lines);
        expect(found.owners).toEqual(out.owners);
      }),
      { numRuns: 300 },
    );
  });

  it('compact JSON: every value on line 1, the same pointers', () => {
    fc.assert(
      fc.property(tree, (generated) => {
        const text = JSON.stringify(generated);
        const out = { lines: new Map<string, number>(), owners: new Map<string, string>() };
        expected(JSON.parse(text), '', 1, out);
        const found = jsonPositions(text);
        expect([...found.lines.keys()]).toEqual([...out.lines.keys()]);
        expect(new Set(found.lines.values())).toEqual(new Set([1]));
        expect(found.owners).toEqual(out.owners);
      }),
      { numRuns: 200 },
    );
  });

  it('strings that end in backslashes, hold escaped quotes or brackets, and numbers with exponents', () => {
    const text = '{\n  "a\\\\": "x\\\\",\n  "b": "\\"}]",\n  "c": [\n    -1.5e+3,\n    "\\u0022qId\\u0022: {"\n  ],\n  "d": {"qInfo": {"qId": "\\\\"}}\n}';
    const { lines, owners } = jsonPositions(text);
    expect(Object.fromEntries(lines)).toEqual({ '': 1, '/a\\': 2, '/b': 3, '/c': 4, '/c/0': 5, '/c/1': 6, '/d': 8, '/d/qInfo': 8, '/d/qInfo/qId': 8 });
    expect([...owners]).toEqual([['\\', '/d']]);
  });
});
