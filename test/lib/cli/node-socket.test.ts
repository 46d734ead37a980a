// The Node transport batches the frames of one tick into few socket writes: every frame must still
// arrive, once and in order, whether a burst is smaller or larger than one write's worth.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { nodeSocketFactory } from '../../../lib/cli/node-socket';

describe('nodeSocketFactory', () => {
  let server: WebSocketServer;
  let received: string[] = [];
  let url = '';

  beforeAll(async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await once(server, 'listening');
    url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (socket) => socket.on('message', (data) => received.push(String(data))));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers every frame of a burst, in order, within one tick and across ticks', async () => {
    received = [];
    const socket = nodeSocketFactory()(url);
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error('no connection'));
    });
    const sent: string[] = [];
    const burst = (from: number, count: number): void => {
      for (let i = from; i < from + count; i++) {
        const frame = JSON.stringify({ id: i, method: 'CheckExpression', params: [`Sum(F${i})`] });
        sent.push(frame);
        socket.send(frame);
      }
    };
    burst(0, 5); // fewer than one write's worth
    burst(5, 1000); // many writes' worth in the same tick
    await Promise.resolve();
    burst(1005, 70); // a later microtask
    await new Promise((resolve) => setTimeout(resolve, 0));
    burst(1075, 1); // a later tick
    for (let waited = 0; received.length < sent.length && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received).toEqual(sent);
    socket.close();
  });
});
