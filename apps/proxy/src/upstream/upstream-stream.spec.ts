import type { ServerResponse } from 'node:http';
import type { Pool } from 'undici';
import { eventually } from '../../test/support/eventually';
import { startUpstreamServer, type UpstreamServer } from '../../test/support/upstream-server';
import { AbortHandle } from './abort-handle';
import { streamUpstream, type BodySink } from './upstream-stream';

/** A sink that records what it hears, in order. */
class Recorder implements BodySink {
  readonly heard: string[] = [];
  ended = false;
  failure: Error | null = null;
  data(chunk: Buffer): void {
    this.heard.push(chunk.toString());
  }
  end(): void {
    this.ended = true;
  }
  error(err: Error): void {
    this.failure = err;
  }
}

describe('streamUpstream (a streamed upstream answer through an undici handler)', () => {
  let upstream: UpstreamServer;
  let pool: Pool;
  /** The server side of the last /held request: the test writes to it. */
  let held: ServerResponse | null = null;
  let heldClosed = false;
  beforeAll(async () => {
    upstream = await startUpstreamServer((req, res) => {
      if (req.url === '/three') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req-7' });
        res.write('a');
        setTimeout(() => res.write('b'), 5);
        setTimeout(() => res.end('c'), 10);
      } else if (req.url === '/held') {
        held = res;
        heldClosed = false;
        res.on('close', () => (heldClosed = true));
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.flushHeaders();
      } else if (req.url === '/empty') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end();
      } else {
        res.writeHead(429, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"slow down"}}');
      }
    }, 4);
    pool = upstream.pool;
  });
  afterAll(() => upstream.close());

  it('resolves at the headers, then hands every chunk and the end to the attached sink', async () => {
    const head = await streamUpstream(pool, { method: 'GET', path: '/three' }, new AbortHandle());
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('text/event-stream');
    expect(head.headers['x-request-id']).toBe('req-7');
    const sink = new Recorder();
    head.body.attach(sink);
    await eventually(() => sink.ended, 'the end');
    expect(sink.heard.join('')).toBe('abc');
    expect(sink.failure).toBeNull();
  });

  it('keeps what comes while no sink is attached, the end included, for the next sink, in order', async () => {
    const head = await streamUpstream(pool, { method: 'GET', path: '/three' }, new AbortHandle());
    const first = new Recorder();
    head.body.attach(first);
    await eventually(() => first.heard.length > 0, 'the first chunk');
    head.body.detach();
    await new Promise((r) => setTimeout(r, 40)); // the upstream finishes meanwhile
    expect(first.ended).toBe(false);
    const second = new Recorder();
    head.body.attach(second);
    expect(first.heard.join('') + second.heard.join('')).toBe('abc');
    expect(second.ended).toBe(true);
  });

  it('an end or a failure that comes while no sink is attached waits for the next sink', async () => {
    const empty = await streamUpstream(pool, { method: 'GET', path: '/empty' }, new AbortHandle());
    await new Promise((r) => setTimeout(r, 20));
    const first = new Recorder();
    empty.body.attach(first);
    expect(first.ended).toBe(true);
    expect(first.heard).toEqual([]);

    const abort = new AbortHandle();
    const head = await streamUpstream(pool, { method: 'GET', path: '/held' }, abort);
    abort.abort('timeout');
    await eventually(() => heldClosed, 'the upstream to see the request closed');
    const second = new Recorder();
    head.body.attach(second);
    expect(second.failure?.message).toMatch(/aborted/);
  });

  it('delivers nothing more while paused, and the rest once resumed', async () => {
    const head = await streamUpstream(pool, { method: 'GET', path: '/held' }, new AbortHandle());
    const sink = new Recorder();
    head.body.attach(sink);
    head.body.pause();
    held!.write('1');
    await eventually(() => sink.heard.length === 1, 'the chunk in flight');
    held!.write('2');
    held!.end('3');
    await new Promise((r) => setTimeout(r, 40));
    expect(sink.heard).toEqual(['1']);
    head.body.resume();
    await eventually(() => sink.ended, 'the end');
    expect(sink.heard.join('')).toBe('123');
  });

  it('an abort mid-body fails the sink and closes the upstream request', async () => {
    const abort = new AbortHandle();
    const head = await streamUpstream(pool, { method: 'GET', path: '/held' }, abort);
    const sink = new Recorder();
    head.body.attach(sink);
    held!.write('x');
    await eventually(() => sink.heard.length === 1, 'a chunk');
    abort.abort('client gone');
    await eventually(() => sink.failure !== null, 'the failure');
    expect(sink.failure?.message).toMatch(/aborted/);
    await eventually(() => heldClosed, 'the upstream to see the request closed');
  });

  it('destroy() aborts the upstream request and tells the sink nothing more', async () => {
    const head = await streamUpstream(pool, { method: 'GET', path: '/held' }, new AbortHandle());
    const sink = new Recorder();
    head.body.attach(sink);
    head.body.destroy();
    await eventually(() => heldClosed, 'the upstream to see the request closed');
    expect(sink.failure).toBeNull();
    expect(sink.ended).toBe(false);
  });

  it('an error answer is read like any body; an abort before the request rejects', async () => {
    const head = await streamUpstream(pool, { method: 'GET', path: '/busy' }, new AbortHandle());
    expect(head.statusCode).toBe(429);
    const sink = new Recorder();
    head.body.attach(sink);
    await eventually(() => sink.ended, 'the end');
    expect(sink.heard.join('')).toContain('slow down');
    const before = new AbortHandle();
    before.abort('gone');
    await expect(streamUpstream(pool, { method: 'GET', path: '/three' }, before)).rejects.toThrow(/aborted/);
  });
});
