// parseCheckExpressionResult and safeParsePropertyEntry (lib/collect/engine-schemas.ts) take a plainly
// right CheckExpression answer or property tree without the schema's copy; its verdict must stay the schema's: every answer the schema
// rejects is rejected, with the schema's own error, and every answer it accepts reads the same.
import { describe, expect, it } from 'vitest';
import { CheckExpressionResult, PropertyEntry, parseCheckExpressionResult, safeParsePropertyEntry } from '../../../lib/collect/engine-schemas';

const ranges: unknown[] = [
  undefined,
  [],
  [{ qFrom: 0, qCount: 3 }],
  [{ qFrom: 4, qCount: 7, qExtra: true }, { qFrom: 12, qCount: 1 }],
  [{ qFrom: '0', qCount: 3 }],
  [{ qFrom: 0 }],
  [{ qFrom: Number.NaN, qCount: 1 }],
  [{ qFrom: 0, qCount: Number.POSITIVE_INFINITY }],
  [null],
  [[0, 3]],
  [undefined],
  // a hole
  [, { qFrom: 0, qCount: 1 }], // eslint-disable-line no-sparse-arrays
  [{ qFrom: 0, qCount: 1 }, 'x'],
  // an array that carries the fields (the schema wants an object, not an array)
  [Object.assign([], { qFrom: 0, qCount: 1 })],
  { 0: { qFrom: 0, qCount: 1 }, length: 1 },
  'none',
  null,
  0,
];
const messages: unknown[] = [undefined, '', 'Error in expression', 3, null, ['x']];

/** every combination of the fields above, and answers that are not objects */
function answers(): unknown[] {
  const out: unknown[] = [null, undefined, 'text', 42, true, [], [{ qErrorMsg: '' }], Object.assign([], { qErrorMsg: '', qBadFieldNames: [] }), new Date(0)];
  for (const qErrorMsg of messages) {
    for (const qBadFieldNames of ranges) {
      for (const qDangerousFieldNames of ranges) {
        const answer: Record<string, unknown> = { qOther: 1 };
        if (qErrorMsg !== undefined) answer.qErrorMsg = qErrorMsg;
        if (qBadFieldNames !== undefined) answer.qBadFieldNames = qBadFieldNames;
        if (qDangerousFieldNames !== undefined) answer.qDangerousFieldNames = qDangerousFieldNames;
        out.push(answer);
      }
    }
  }
  // present with the value undefined (the schema treats it as absent)
  out.push({ qErrorMsg: undefined, qBadFieldNames: undefined });
  return out;
}

const fieldsRead = (value: unknown): unknown => {
  const { qErrorMsg, qBadFieldNames, qDangerousFieldNames } = value as CheckExpressionResult;
  return { qErrorMsg, qBadFieldNames, qDangerousFieldNames };
};

const outcome = (parse: () => unknown): { ok: true; value: unknown } | { ok: false; error: string } => {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
};

describe('parseCheckExpressionResult', () => {
  it('accepts and rejects exactly what CheckExpressionResult does, with the same error and the same fields read', () => {
    const all = answers();
    let accepted = 0;
    let rejected = 0;
    for (const answer of all) {
      const ours = outcome(() => parseCheckExpressionResult(answer));
      const schema = outcome(() => CheckExpressionResult.parse(answer));
      expect({ answer, ok: ours.ok }).toEqual({ answer, ok: schema.ok });
      if (ours.ok && schema.ok) {
        // what is read from it (the schema copies an object into a plain one: a Date stays a Date here)
        expect(fieldsRead(ours.value)).toEqual(fieldsRead(schema.value));
        accepted++;
      } else if (!ours.ok && !schema.ok) {
        expect(ours.error).toBe(schema.error);
        rejected++;
      }
    }
    // the corpus holds both kinds, plenty of each
    expect(accepted).toBeGreaterThanOrEqual(48);
    expect(rejected).toBeGreaterThan(500);
  });

  it('takes a plain answer as it is (the engine’s usual answer costs no copy)', () => {
    const answer = { qErrorMsg: '', qBadFieldNames: [{ qFrom: 4, qCount: 8 }], qDangerousFieldNames: [] };
    expect(parseCheckExpressionResult(answer)).toBe(answer);
  });
});

describe('safeParsePropertyEntry', () => {
  const entry = (qProperty: unknown, qChildren?: unknown): Record<string, unknown> => (qChildren === undefined ? { qProperty } : { qProperty, qChildren, qEmbeddedSnapshotRef: null });
  const properties: unknown[] = [
    { qInfo: { qId: 'a', qType: 'sheet' }, title: 'A', qMetaDef: {} },
    { qInfo: { qId: 'b', qType: 'kpi', qExtra: 1 } },
    { qInfo: { qId: 1, qType: 'kpi' } },
    { qInfo: { qId: 'c' } },
    { qInfo: ['c', 'kpi'] },
    { qInfo: null },
    {},
    [{ qInfo: { qId: 'd', qType: 'kpi' } }],
    // arrays that carry the fields (the schema wants objects, not arrays)
    Object.assign([], { qInfo: { qId: 'e', qType: 'kpi' } }),
    { qInfo: Object.assign([], { qId: 'f', qType: 'kpi' }) },
    'sheet',
    null,
    undefined,
  ];
  const children: unknown[] = [
    undefined,
    [],
    [entry({ qInfo: { qId: 'k1', qType: 'kpi' } })],
    [entry({ qInfo: { qId: 'k1', qType: 'kpi' } }, [entry({ qInfo: { qId: 'k2', qType: 'table' } })])],
    [entry({ qInfo: { qId: 'k1', qType: 'kpi' } }, [entry({ qInfo: { qId: 2, qType: 'table' } })])],
    [entry({ qInfo: { qId: 'k1' } })],
    [null],
    [, entry({ qInfo: { qId: 'k1', qType: 'kpi' } })], // eslint-disable-line no-sparse-arrays
    [[entry({ qInfo: { qId: 'k1', qType: 'kpi' } })]],
    { 0: entry({ qInfo: { qId: 'k1', qType: 'kpi' } }) },
    'none',
  ];

  it('accepts and rejects exactly what PropertyEntry does, with the same error and the same tree', () => {
    const trees: unknown[] = [null, undefined, [], 'tree', 0, Object.assign([], entry({ qInfo: { qId: 'g', qType: 'sheet' } }))];
    for (const qProperty of properties) for (const qChildren of children) trees.push(entry(qProperty, qChildren));
    let accepted = 0;
    let rejected = 0;
    for (const tree of trees) {
      const ours = safeParsePropertyEntry(tree);
      const schema = PropertyEntry.safeParse(tree);
      expect({ tree, ok: ours.success }).toEqual({ tree, ok: schema.success });
      if (ours.success && schema.success) {
        expect(ours.data).toEqual(schema.data);
        accepted++;
      } else if (!ours.success && !schema.success) {
        expect(ours.error.issues).toEqual(schema.error.issues);
        rejected++;
      }
    }
    expect(accepted).toBeGreaterThanOrEqual(8);
    expect(rejected).toBeGreaterThan(80);
  });

  it('takes a plain tree as it is', () => {
    const tree = entry({ qInfo: { qId: 's', qType: 'sheet' } }, [entry({ qInfo: { qId: 'k', qType: 'kpi' } })]);
    const parsed = safeParsePropertyEntry(tree);
    expect(parsed.success && parsed.data).toBe(tree);
  });
});
