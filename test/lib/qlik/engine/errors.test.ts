import { describe, expect, it } from 'vitest';
import { EngineError, closeCodeMessage, toEngineError } from '../../../../lib/qlik/engine/errors';
import { buildEngineUrl } from '../../../../lib/qlik/engine/url';

describe('toEngineError', () => {
  it('turns an engine RPC error into a non-fatal rpc error with its code and parameter', () => {
    const e = toEngineError(Object.assign(new Error('Access denied'), { code: 5, parameter: 'GetScript' }), 'GetScript');
    expect(e).toMatchObject({ kind: 'rpc', code: 5, parameter: 'GetScript', fatal: false });
    expect(e.message).toBe('GetScript failed: Access denied: GetScript [engine error 5]');
  });

  it('turns a closed socket (enigma NOT_CONNECTED with the close event) into a fatal error naming the close code', () => {
    const e = toEngineError({ code: -1, message: 'Socket closed', original: { code: 4204, reason: 'App not found' } }, 'GetLayout');
    expect(e).toMatchObject({ kind: 'closed', code: 4204, fatal: true });
    expect(e.message).toMatch(/app was not found.*close code 4204.*App not found/);
  });

  it('treats engine codes like -128 as engine errors, enigma protocol codes as protocol errors', () => {
    expect(toEngineError({ code: -128, message: 'Internal error', parameter: '' }, 'X').kind).toBe('rpc');
    expect(toEngineError({ code: -3, message: 'Expected array of patches' }, 'X')).toMatchObject({ kind: 'protocol', fatal: false });
    expect(toEngineError({ code: -2, message: 'Object not found' }, 'GetObject')).toMatchObject({ kind: 'rpc', code: 2 });
    expect(toEngineError(new TypeError('boom'), 'X')).toMatchObject({ kind: 'protocol', message: 'X failed: boom' });
  });

  it('keeps an EngineError as it is', () => {
    const e = new EngineError('x', 'aborted');
    expect(toEngineError(e, 'Y')).toBe(e);
    expect(e.fatal).toBe(true);
  });

  it('names unknown close codes too', () => {
    expect(closeCodeMessage(4999)).toBe('The engine closed the connection with code 4999.');
    expect(closeCodeMessage(4240)).toMatch(/No engine is available/);
  });
});

describe('buildEngineUrl', () => {
  it('builds wss/ws URLs with an encoded identity and query', () => {
    expect(buildEngineUrl({ baseUrl: 'https://acme.eu.qlikcloud.com', appId: 'a-1', identity: 'q x', query: { 'qlik-csrf-token': 't&1' } })).toBe(
      'wss://acme.eu.qlikcloud.com/app/a-1/identity/q%20x?qlik-csrf-token=t%261',
    );
    expect(buildEngineUrl({ baseUrl: 'http://127.0.0.1:9000/prefix/', appId: 'a' })).toBe('ws://127.0.0.1:9000/prefix/app/a');
  });
});
