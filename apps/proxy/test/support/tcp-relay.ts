import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpRelay {
  /** http://127.0.0.1:<port> — stable across pause/resume. */
  url: string;
  /** The network to the target goes away: open connections are cut, new ones reset at once. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A plain TCP forwarder in front of a real server, to take "the network" away and
 * give it back at the same address. It does not look at or answer any request.
 */
export async function startTcpRelay(targetUrl: string): Promise<TcpRelay> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  // While paused the port stays bound (so no other test's server can take it) and every
  // connection is reset as soon as it is accepted.
  let down = false;
  const listen = async () => {
    const s = createServer((client) => {
      if (down) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
      sockets.add(client);
      sockets.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        sockets.delete(client);
        sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const stop = async () => {
    const s = server;
    server = null;
    for (const sock of sockets) sock.destroy();
    sockets.clear();
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    async pause() {
      down = true;
      for (const sock of sockets) sock.destroy();
      sockets.clear();
    },
    async resume() {
      down = false;
    },
    close: stop,
  };
}
