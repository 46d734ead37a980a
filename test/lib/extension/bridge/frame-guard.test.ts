import { describe, expect, it } from 'vitest';
import { createEngineFrameCheck, createFrameBudget, rpcIdOf } from '../../../../lib/extension/bridge/frame-guard';
import { FRAME_LIMITS } from '../../../../lib/protocol/bridge';

const limits = { ...FRAME_LIMITS, frameBurst: 3, framesPerSecond: 2, charBurst: 100, charsPerSecond: 50, maxFrameChars: 80, maxFrames: 10 };

describe('createFrameBudget', () => {
  it('admits a burst, then frames at the sustained rate', () => {
    const budget = createFrameBudget(limits, 0);
    expect([budget.admit(1, 0), budget.admit(1, 0), budget.admit(1, 0)]).toEqual([null, null, null]);
    expect(budget.admit(1, 0)).toBe('the Qlik page sent more than 2 frames per second');
    expect(budget.admit(1, 500)).toBeNull(); // half a second refills one frame
    expect(budget.admit(1, 500)).not.toBeNull();
  });

  it('bounds characters per second, one frame\'s size and the total number of frames', () => {
    const chars = createFrameBudget(limits, 0);
    expect(chars.admit(80, 0)).toBeNull();
    expect(chars.admit(30, 0)).toMatch(/MiB per second/);
    expect(createFrameBudget(limits, 0).admit(81, 0)).toBe('the Qlik page sent a frame of 81 characters (at most 80)');
    const total = createFrameBudget({ ...limits, frameBurst: 100, charBurst: 1e9 }, 0);
    for (let i = 0; i < 10; i++) expect(total.admit(1, i * 1000)).toBeNull();
    expect(total.admit(1, 20_000)).toBe('the Qlik page sent more than 10 frames');
  });

  it('does not refill from a clock that goes backwards', () => {
    const budget = createFrameBudget(limits, 10_000);
    for (let i = 0; i < 3; i++) budget.admit(1, 10_000);
    expect(budget.admit(1, 0)).not.toBeNull();
  });
});

describe('rpcIdOf', () => {
  it('reads the JSON-RPC id, null for notifications, undefined for what is not JSON-RPC', () => {
    expect(rpcIdOf('{"jsonrpc":"2.0","id":12,"result":{}}')).toBe(12);
    expect(rpcIdOf('{"jsonrpc":"2.0","id":"a","result":{}}')).toBe('a');
    expect(rpcIdOf('{"jsonrpc":"2.0","method":"OnConnected"}')).toBeNull();
    expect(rpcIdOf('[1,2]')).toBeUndefined();
    expect(rpcIdOf('no')).toBeUndefined();
    expect(rpcIdOf('{"id":{"x":1}}')).toBeUndefined();
  });

  it('reads a big frame\'s id from its head when it comes first, and parses it otherwise', () => {
    const big = `{"jsonrpc":"2.0","id":7,"result":{"x":"${'y'.repeat(100_000)}"}}`;
    expect(rpcIdOf(big)).toBe(7);
    const idLast = `{"jsonrpc":"2.0","result":{"x":"${'y'.repeat(100_000)}","id":99},"id":8}`;
    expect(rpcIdOf(idLast)).toBe(8);
  });
});

describe('createEngineFrameCheck', () => {
  it('passes each answer once, for a request that was sent', () => {
    const check = createEngineFrameCheck(2);
    check.sent('{"jsonrpc":"2.0","id":1,"method":"OpenDoc","handle":-1,"params":[]}');
    expect(check.received('{"jsonrpc":"2.0","id":2,"result":{}}')).toBe('unexpected');
    expect(check.received('{"jsonrpc":"2.0","id":1,"result":{}}')).toBe('answer');
    expect(check.received('{"jsonrpc":"2.0","id":1,"result":{}}')).toBe('unexpected');
    expect(check.received('garbage')).toBe('unexpected');
  });

  it('allows a few engine notifications, then says there are too many', () => {
    const check = createEngineFrameCheck(2);
    expect(check.received('{"jsonrpc":"2.0","method":"OnConnected"}')).toBe('push');
    expect(check.received('{"jsonrpc":"2.0","method":"OnSessionTimedOut"}')).toBe('push');
    expect(check.received('{"jsonrpc":"2.0","method":"OnFlood"}')).toBe('too-many-pushes');
  });
});
