// parseCheckExpressionResult (lib/collect/engine-schemas.ts) takes a plainly right CheckExpression
// answer without the schema's copy; its verdict must stay the schema's: every answer the schema
// rejects is rejected, with the schema's own error, and every answer it accepts reads the same.
import { describe, expect, it } from 'vitest';
import { CheckExpressionResult, parseCheckExpressionResult } from '../../../lib/collect/engine-schemas.ts';

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
  { 0: { qFrom: 0, qCount: 1 }, length: 1 },
  'none',
  null,
  0,
];
const messages: unknown[] = [undefined, '', 'Error in expression', 3, null, ['x']];

/** every combination of the fields above, and answers that are not objects */
function answers(): unknown[] {
  const out: unknown[] = [null, undefined, 'text', 42, true, [], [{ qErrorMsg: '' }], new Date(0)];
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
