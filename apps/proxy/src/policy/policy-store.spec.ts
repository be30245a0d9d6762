import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSnapshot } from '../../test/support/snapshot-factory';
import { createLogger } from '../logger';
import { PolicyStore } from './policy-store';
import { SseParser, type SseMessage } from './sse-parser';
import { Backoff } from './backoff';

describe('PolicyStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sy-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const store = () => new PolicyStore(dir, () => undefined, createLogger('silent', 'test'));

  it('swaps versions atomically: a holder of the old object keeps it whole', () => {
    const s = store();
    expect(s.apply(buildSnapshot({ baseUrl: 'http://a/v1', version: 1 }), 'file')).toBe(true);
    const held = s.current!;
    expect(s.apply(buildSnapshot({ baseUrl: 'http://b/v1', version: 2 }), 'control-plane')).toBe(true);
    expect(held.version).toBe(1);
    expect(held.models.get('openai/gpt-4o')?.origin).toBe('http://a');
    expect(s.current!.models.get('openai/gpt-4o')?.origin).toBe('http://b');
  });

  it('keeps the old version when a new one is invalid, and remembers the rejection until a newer one applies', () => {
    const s = store();
    s.apply(buildSnapshot({ baseUrl: 'http://a/v1', version: 1 }), 'control-plane');
    const bad = buildSnapshot({ baseUrl: 'http://a/v1', version: 2 });
    bad.policy.defaultBucket = 'missing';
    expect(s.apply(bad, 'control-plane')).toBe(false);
    expect(s.current?.version).toBe(1);
    expect(s.rejected).toEqual({ version: 2, reason: expect.stringMatching(/defaultBucket: no bucket is named "missing"/) });
    s.apply(buildSnapshot({ baseUrl: 'http://a/v1', version: 3 }), 'control-plane');
    expect(s.rejected).toBeNull();
  });

  it('saves versions from the control plane as the last good policy and starts from it', async () => {
    const s = store();
    s.apply(buildSnapshot({ baseUrl: 'http://a/v1', version: 7 }), 'control-plane');
    await s.flush();
    expect(JSON.parse(readFileSync(s.diskPath, 'utf8')).version).toBe(7);
    const restarted = store();
    expect(await restarted.loadFrom(restarted.diskPath, 'disk')).toBe(true);
    expect(restarted.current?.version).toBe(7);
  });

  it('ignores an unreadable saved policy', async () => {
    writeFileSync(join(dir, 'policy.json'), '{"version": 1, "trunc');
    const s = store();
    expect(await s.loadFrom(s.diskPath, 'disk')).toBe(false);
    expect(s.current).toBeNull();
  });
});

describe('SseParser', () => {
  it('parses events split anywhere, joins data lines and skips comments', () => {
    const got: SseMessage[] = [];
    const p = new SseParser((m) => got.push(m));
    const text = ': ping\n\nevent: policy\ndata: {"a":\ndata: 1}\n\nevent: keys\r\ndata: {}\r\n\r\ndata: plain\n\n';
    for (const ch of text) p.push(Buffer.from(ch));
    expect(got).toEqual([
      { event: 'policy', data: '{"a":\n1}' },
      { event: 'keys', data: '{}' },
      { event: 'message', data: 'plain' },
    ]);
  });
});

describe('Backoff', () => {
  it('grows exponentially with full jitter up to the cap, and resets', () => {
    const b = new Backoff(100, 1000, () => 1);
    expect([b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([100, 200, 400, 800, 1000]);
    b.reset();
    expect(b.next()).toBe(100);
    expect(new Backoff(100, 1000, () => 0).next()).toBe(50);
  });
});
