import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createLogger } from '../logger';
import { UsageSpool } from './usage-spool';

const log = createLogger('silent', 't');
const event = (n: number) => JSON.stringify({ id: randomUUID(), n });
const num = (line: string) => (JSON.parse(line) as { n: number }).n;

describe('UsageSpool', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sy-spool-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replays in order, in batches, and empties itself', async () => {
    const spool = new UsageSpool(dir, log);
    await spool.init();
    const events = Array.from({ length: 7 }, (_, i) => event(i));
    await spool.append(events.slice(0, 4));
    await spool.append(events.slice(4));
    expect(spool.pending).toBe(7);
    const batches: number[][] = [];
    expect(await spool.replay(async (b) => (batches.push(b.map(num)), 'sent'), 3)).toBe(true);
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(spool.pending).toBe(0);
    expect(readFileSync(spool.file, 'utf8')).toBe('');
  });

  it('stops at the first failed batch and resumes from it later, across a restart', async () => {
    const spool = new UsageSpool(dir, log);
    await spool.init();
    await spool.append(Array.from({ length: 5 }, (_, i) => event(i)));
    const sent: number[] = [];
    let calls = 0;
    const flaky = async (b: string[]) => {
      if (++calls === 2) return 'retry-later' as const;
      sent.push(...b.map(num));
      return 'sent' as const;
    };
    expect(await spool.replay(flaky, 2)).toBe(false);
    expect(spool.pending).toBe(3);
    const restarted = new UsageSpool(dir, log);
    await restarted.init();
    expect(restarted.pending).toBe(3);
    expect(await restarted.replay(flaky, 2)).toBe(true);
    expect(sent).toEqual([0, 1, 2, 3, 4]);
  });

  it('skips a half-written last line from a crash until it is complete', async () => {
    const spool = new UsageSpool(dir, log);
    await spool.init();
    await spool.append([event(1)]);
    appendFileSync(spool.file, '{"id":"half');
    const seen: number[] = [];
    await spool.replay(async (b) => (seen.push(...b.map(num)), 'sent'), 10);
    expect(seen).toEqual([1]);
  });
});
