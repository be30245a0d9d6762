import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import type { PolicySnapshot, ProxyKeySet } from '@switchyard/contracts';
import { loadProviderSim, loadProxy } from './bench-modules';
import { startUsageSink, type UsageSink } from './usage-sink';

let sink: UsageSink | null = null;

/**
 * One server of the benchmark in its own process, so its CPU time is its own:
 * `sim` (the upstream, zero delay), `minimal` (the least a Node gateway can do) or
 * `switchyard` (the real proxy) or `sink` (its control-plane endpoints, kept out of the
 * load generator's process). Talks to the parent over IPC: `ready` with its URL,
 * then `stats` → CPU microseconds and RSS.
 */
type Role = 'sim' | 'minimal' | 'switchyard' | 'sink';

interface StartMessage {
  type: 'start';
  role: Role;
  upstream?: string;
  sink?: { snapshot: PolicySnapshot; keys: ProxyKeySet };
  switchyard?: { policyFile: string; keysFile: string; dataDir: string; controlPlaneUrl: string; proxyToken: string };
}

async function startMinimal(upstream: string): Promise<string> {
  const origin = new URL(upstream).origin;
  const base = new URL(upstream).pathname.replace(/\/$/, '');
  const pool = new Pool(origin, { connections: 256, pipelining: 1, keepAliveTimeout: 30_000 });
  // Read the body, parse it, forward it, pipe the answer back: nothing else.
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      pool
        .request({ method: 'POST', path: `${base}${req.url?.replace(/^\/v1/, '') ?? ''}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
        .then((up) => {
          res.writeHead(up.statusCode, { 'content-type': String(up.headers['content-type'] ?? 'application/json') });
          up.body.pipe(res);
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function start(msg: StartMessage): Promise<string> {
  if (msg.role === 'sim') {
    const sim = await loadProviderSim().startProviderSim({ port: 0, completionTokens: 24 });
    return sim.url.replace(/\/v1$/, '');
  }
  if (msg.role === 'minimal') return startMinimal(msg.upstream!);
  if (msg.role === 'sink') {
    sink = await startUsageSink(msg.sink!.snapshot, msg.sink!.keys);
    return sink.url;
  }
  const s = msg.switchyard!;
  // The proxy process as apps/proxy/src/main.ts runs it.
  loadProxy().tuneProxyProcess();
  const proxy = await loadProxy().startProxy({ port: 0, logLevel: 'error', proxyId: 'bench', ...s });
  const deadline = Date.now() + 10_000;
  while (proxy.policyVersion() === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return proxy.url;
}

process.on('message', (raw: unknown) => {
  const msg = raw as StartMessage | { type: 'stats' };
  if (msg.type === 'start') {
    start(msg).then(
      (url) => process.send!({ type: 'ready', url }),
      (err: Error) => process.send!({ type: 'error', message: err.stack ?? err.message }),
    );
  } else if (msg.type === 'stats') {
    const cpu = process.cpuUsage();
    process.send!({ type: 'stats', cpuMicros: cpu.user + cpu.system, userMicros: cpu.user, systemMicros: cpu.system, rss: process.memoryUsage().rss, events: sink?.events() ?? 0 });
  }
});
process.on('disconnect', () => process.exit(0));
