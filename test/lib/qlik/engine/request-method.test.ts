// The read-only guard's reading of a frame's method (lib/qlik/engine/request-method.ts): the quick
// reading either gives JSON.parse's answer or none (then the frame is parsed in full), whatever the
// frame holds; and it does take the frames enigma.js writes, or it would save nothing.
import { describe, expect, it } from 'vitest';
import { quickMethod, requestMethod } from '../../../../lib/qlik/engine/request-method';

const parsed = (frame: string): string | undefined => {
  try {
    const method = (JSON.parse(frame) as { method?: unknown } | null)?.method;
    return typeof method === 'string' ? method : undefined;
  } catch {
    return undefined;
  }
};

/** what enigma.js's generated API sends (session.send: protocol, then the request, then id and jsonrpc) */
const apiFrame = (method: string, params: unknown[], delta = false): string => JSON.stringify({ delta, handle: 1, method, params, id: 12, jsonrpc: '2.0' });
/** what enigma.js sends on a resume, past the interceptors (rpc.send) */
const resumeFrame = (method: string): string => JSON.stringify({ method, handle: -1, params: [], id: 3, jsonrpc: '2.0' });

describe('quickMethod', () => {
  it('reads the frames enigma.js writes, as JSON.parse does', () => {
    const frames = [
      apiFrame('CheckExpression', ['Sum([Sales]) / Count(DISTINCT [Customer])', ['Margin']]),
      apiFrame('GetFieldsFromExpression', ['Sum({<Year={2024}>} "Sales \\"net\\"")'], true),
      apiFrame('GetFullPropertyTree', []),
      resumeFrame('GetActiveDoc'),
      resumeFrame('OpenDoc'),
      JSON.stringify({ delta: false, handle: -1, method: 'SetProperties', params: [{ qInfo: { qId: 'x' } }], id: 1, jsonrpc: '2.0' }),
    ];
    for (const frame of frames) expect(quickMethod(frame), frame).toBe(parsed(frame));
  });

  it('gives no answer where a second method key could hide (nested, repeated, escaped, another case) or the value is escaped, and then the full parse decides', () => {
    const frames = [
      '{"method":"GetLayout","handle":1,"method":"SetProperties"}',
      '{"method":"GetLayout","\\u006dethod":"SetProperties"}',
      '{"method":"GetLayout","METHOD":"SetProperties"}',
      '{"Method":"SetProperties","method":"GetLayout"}',
      '{"handle":1,"params":{"method":"GetLayout"},"method":"SetProperties"}',
      '{"params":[],"method":"GetLayout"}',
      '{"method":"Get\\u004cayout"}',
      '{"method":"GetLayout\\"","x":1}',
      apiFrame('CheckExpression', ['the method of this text']),
      apiFrame('CheckExpression', ['Sum([Caf\u0000])']),
      ' {"method":"GetLayout"}',
      'not json',
    ];
    for (const frame of frames) {
      expect(quickMethod(frame), frame).toBeUndefined();
      expect(requestMethod(frame), frame).toBe(parsed(frame));
    }
  });

  it('never differs from JSON.parse on frames built from pieces of the above', () => {
    const pieces = ['{', '}', '"method":', '"METHOD":', '"GetLayout"', '"SetProperties"', ',', '"handle":1', '"params":[', ']', '\\u006d', '"', ':', 'method', '\\"', 'true'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 20_000; n++) {
      let frame = n % 2 ? '{"method":"' : '{"delta":true,"method":"';
      const length = next() % 12;
      for (let i = 0; i < length; i++) frame += pieces[next() % pieces.length];
      const quick = quickMethod(frame);
      if (quick !== undefined && parsed(frame) !== undefined) expect(quick, frame).toBe(parsed(frame));
      // a frame JSON.parse rejects that the quick reading takes names no other method under any reading
      if (quick !== undefined) expect(frame.match(/method/gi), frame).toHaveLength(1);
    }
  });
});
