import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { spawnTs, type TsChild } from '../../control-plane/test/support/ts-child';
import { UPSTREAM } from './support/policies';
import { spooledEvents, startProxyFixture, type ProxyFixture } from './support/proxy-fixture';
import { keySet } from './support/snapshot-factory';

/** Streams a chat completion over node:http; resolves with the whole SSE text once the response ends. */
function openStream(url: string, key: string, onFirstChunk: () => void): Promise<{ status: number; text: string; connection: string | undefined }> {
  return new Promise((resolvePromise, reject) => {
    const body = JSON.stringify({ model: 'bulk', stream: true, messages: [{ role: 'user', content: 'tell a long story' }] });
    const req = request(`${url}/v1/chat/completions`, { method: 'POST', agent: false, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      let first = true;
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        text += c;
        if (first && c.includes('"content"')) {
          first = false;
          onFirstChunk();
        }
      });
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, text, connection: res.headers.connection }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** True when a new TCP connection to the port is refused. */
function refused(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      res(false);
    });
    s.once('error', () => res(true));
  });
}

function contentOf(sse: string): string {
  return sse
    .split('\n')
    .filter((l) => l.startsWith('data: {'))
    .map((l) => JSON.parse(l.slice(6)).choices?.[0]?.delta?.content ?? '')
    .join('');
}

describe('proxy lifecycle: drain', () => {
  let fx: ProxyFixture;
  beforeEach(async () => {
    fx = await startProxyFixture();
    // About 1.5 s of tokens: the drain starts well inside the stream.
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { tokensPerSecond: 20, completionTokens: 30 } } });
  });
  afterEach(async () => {
    await fx.close();
  });

  it('stops accepting connections, finishes the stream in flight to [DONE], then ships its usage', async () => {
    let drained: Promise<void> | null = null;
    let drainDone = false;
    const stream = openStream(fx.proxy.url, fx.key.key, () => {
      drained = fx.proxy.drain(30_000).then(() => {
        drainDone = true;
      });
    });
    await new Promise((r) => setTimeout(r, 0));
    const untilDrainStarted = async () => {
      while (!drained) await new Promise((r) => setTimeout(r, 5));
    };
    await untilDrainStarted();
    expect(await refused(fx.proxy.port)).toBe(true);
    expect(drainDone).toBe(false);

    const r = await stream;
    expect(r.status).toBe(200);
    expect(r.text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(contentOf(r.text).length).toBeGreaterThan(0);
    await drained;
    const events = await spooledEvents(fx);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ stream: true, status: 200, completionTokens: 30 });
  });

  it('finishes every stream and request in flight, however many', async () => {
    const firsts: Array<() => void> = [];
    const started = Array.from({ length: 3 }, () => new Promise<void>((r) => firsts.push(r)));
    const streams = firsts.map((_, i) => openStream(fx.proxy.url, fx.key.key, () => firsts[i]()));
    await Promise.all(started);
    const drained = fx.proxy.drain(30_000);
    const results = await Promise.all(streams);
    for (const r of results) expect(r.text.endsWith('data: [DONE]\n\n')).toBe(true);
    await drained;
    expect((await spooledEvents(fx)).filter((e) => e.status === 200)).toHaveLength(3);
  });

  it('cuts what is still running when the drain timeout passes, and still ships usage', async () => {
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { hangAfterChunks: 2 } } });
    let started!: () => void;
    const first = new Promise<void>((r) => (started = r));
    const stream = openStream(fx.proxy.url, fx.key.key, () => started()).catch((e: Error) => ({ status: 0, text: e.message, connection: undefined }));
    await first;
    await fx.proxy.drain(300);
    await fx.proxy.close();
    const r = await stream;
    expect(r.text).not.toContain('[DONE]');
    // The cut stream is billed for what it generated, as if its client had left — on disk
    // after close() alone (read without asking the proxy to flush again).
    const spool = join(fx.proxy.config.dataDir, 'usage-spool.jsonl');
    const onDisk = existsSync(spool) ? readFileSync(spool, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
    expect(onDisk).toEqual([expect.objectContaining({ stream: true, status: 499, errorType: 'client_disconnected' })]);
  });
});

/**
 * The real process: `node apps/proxy/src/main.ts` (TypeScript compiled on load with
 * @swc/core, as Jest does), sent SIGTERM in the middle of a stream.
 */
describe('proxy lifecycle: SIGTERM', () => {
  let fx: ProxyFixture;
  let child: TsChild | null = null;
  beforeAll(async () => {
    fx = await startProxyFixture();
    fx.sim.setConfig({ models: { [UPSTREAM.flash]: { tokensPerSecond: 20, completionTokens: 30 } } });
  });
  afterAll(async () => {
    await child?.kill('SIGKILL');
    await fx.close();
  });

  it('drains on SIGTERM: the stream in flight reaches [DONE], usage is flushed, the process exits 0', async () => {
    const dir = join(fx.dataDir, 'child');
    writeFileSync(join(fx.dataDir, 'child-keys.json'), JSON.stringify(keySet([fx.key])));
    child = spawnTs('apps/proxy/src/main.ts', {
      CONTROL_PLANE_URL: 'off',
      PROXY_PORT: '0',
      PROXY_ID: 'sigterm-test',
      PROXY_DATA_DIR: dir,
      PROXY_POLICY_FILE: join(fx.dataDir, 'start-policy.json'),
      PROXY_KEYS_FILE: join(fx.dataDir, 'child-keys.json'),
      PROXY_LOG_LEVEL: 'error',
      PROXY_USAGE_FLUSH_MS: '60000',
    });
    const url = (await child.waitFor(/listening on (http:\/\/[^\s]+)\/v1/))[1];
    const running = child;
    const r = await openStream(url, fx.key.key, () => void running.kill('SIGTERM'));
    expect(r.text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(contentOf(r.text).length).toBeGreaterThan(0);
    expect(await running.exited).toBe(0);
    expect(running.output()).toContain('SIGTERM, draining');
    // The flush interval was a minute: the event is on disk only because the drain flushed it.
    const spool = join(dir, 'usage-spool.jsonl');
    expect(existsSync(spool)).toBe(true);
    const events = readFileSync(spool, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(events).toEqual([expect.objectContaining({ proxyId: 'sigterm-test', stream: true, completionTokens: 30, status: 200 })]);
  }, 30_000);
});
