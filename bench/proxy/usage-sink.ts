import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PolicySnapshot, ProxyKeySet } from '@switchyard/contracts';

export interface UsageSink {
  url: string;
  /** Usage events received. */
  events(): number;
  close(): Promise<void>;
}

/**
 * Benchmark only: the few proxy-facing control-plane endpoints the proxy calls, so
 * that usage reporting, heartbeats and the policy stream run as in production
 * without a database in the measurement. Never used by tests (they use the real
 * control plane).
 */
export async function startUsageSink(snapshot: PolicySnapshot, keys: ProxyKeySet): Promise<UsageSink> {
  let received = 0;
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const json = (status: number, body: unknown) => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      if (req.method === 'POST' && path === '/api/v1/proxy/usage') {
        const n = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { events: unknown[] }).events.length;
        received += n;
        return json(200, { stored: n, duplicates: 0, rejected: [] });
      }
      if (req.method === 'POST' && path === '/api/v1/proxy/heartbeat') return json(200, { latestVersion: snapshot.version, intervalSeconds: 10 });
      if (path === '/api/v1/proxy/limits') return json(200, { revision: '0', blockedTeams: [] });
      if (path === '/api/v1/proxy/policy') return req.headers['if-none-match'] === `"${snapshot.version}"` ? (res.writeHead(304), res.end()) : json(200, snapshot);
      if (path === '/api/v1/proxy/keys') return req.headers['if-none-match'] === `"${keys.revision}"` ? (res.writeHead(304), res.end()) : json(200, keys);
      if (path === '/api/v1/proxy/policy/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(`event: policy\ndata: ${JSON.stringify(snapshot)}\n\nevent: keys\ndata: ${JSON.stringify(keys)}\n\n`);
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        res.on('close', () => clearInterval(ping));
        return;
      }
      json(404, { statusCode: 404, error: 'Not Found', message: path });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events: () => received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
