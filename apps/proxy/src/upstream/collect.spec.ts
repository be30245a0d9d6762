import type { Pool } from 'undici';
import { startUpstreamServer, type UpstreamServer } from '../../test/support/upstream-server';
import { AbortHandle } from './abort-handle';
import { collect, parseRawHeaders } from './collect';

describe('collect (a whole upstream answer through an undici handler)', () => {
  let upstream: UpstreamServer;
  let pool: Pool;
  beforeAll(async () => {
    upstream = await startUpstreamServer((req, res) => {
      if (req.url === '/ok') {
        res.setHeader('set-cookie', ['a=1', 'b=2']);
        res.setHeader('x-request-id', 'req-1');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"x",');
        setTimeout(() => res.end('"usage":{}}'), 5);
      } else if (req.url === '/error') {
        res.writeHead(503, { 'content-type': 'text/plain' });
        let sent = 0;
        const more = () => (++sent === 10 ? res.end('e'.repeat(2_000)) : (res.write('e'.repeat(2_000)), setTimeout(more, 2)));
        more();
      } else {
        res.writeHead(200);
        res.write('partial');
        // never ends: the caller aborts
      }
    }, 2);
    pool = upstream.pool;
  });
  afterAll(() => upstream.close());

  it('resolves with status, headers as Node names them, and the body of every chunk', async () => {
    const c = await collect(pool, { method: 'GET', path: '/ok' }, new AbortHandle(), 100);
    expect(c.statusCode).toBe(200);
    expect(c.payload.toString()).toBe('{"id":"x","usage":{}}');
    expect(c.headers['content-type']).toBe('application/json');
    expect(c.headers['x-request-id']).toBe('req-1');
    expect(c.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('keeps only the first bytes of an error answer', async () => {
    const c = await collect(pool, { method: 'GET', path: '/error' }, new AbortHandle(), 100);
    expect(c.statusCode).toBe(503);
    expect(c.payload.length).toBeGreaterThan(0);
    expect(c.payload.length).toBeLessThan(20_000);
  });

  it('rejects when aborted mid-body, and when aborted before it started', async () => {
    const mid = new AbortHandle();
    const pending = collect(pool, { method: 'GET', path: '/hang' }, mid, 100);
    setTimeout(() => mid.abort('gone'), 20);
    await expect(pending).rejects.toThrow(/aborted/);
    const before = new AbortHandle();
    before.abort('gone');
    await expect(collect(pool, { method: 'GET', path: '/ok' }, before, 100)).rejects.toThrow(/aborted/);
  });

  it('joins repeated headers other than set-cookie', () => {
    const raw = ['Vary', 'a', 'vary', 'b', 'X-One', '1'].map((s) => Buffer.from(s));
    expect(parseRawHeaders(raw)).toEqual({ vary: 'a, b', 'x-one': '1' });
  });
});
