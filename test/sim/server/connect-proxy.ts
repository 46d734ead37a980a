// Firefox has no --host-resolver-rules: point its HTTPS proxy (network.proxy.ssl / ssl_port)
// at this CONNECT proxy, which tunnels every host to the simulator (toolchain-notes.md 4).
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import type { Duplex } from 'node:stream';

export interface ConnectProxy {
  port: number;
  close(): Promise<void>;
}

export async function startConnectProxy(targetPort: number): Promise<ConnectProxy> {
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const proxy = createServer((_req, res) => {
    res.writeHead(405, { allow: 'CONNECT' });
    res.end();
  });
  proxy.on('connection', track);
  proxy.on('connect', (_req, client: Duplex, head: Buffer) => {
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: (proxy.address() as AddressInfo).port,
    // tunnels are not closed by server.close(): destroy them, or close() hangs (toolchain-notes.md 4)
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
