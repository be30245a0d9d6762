import { CoalescedRefresh } from './coalesced-refresh';
import { etagMatches } from './etag';

describe('etagMatches', () => {
  it('matches strong, weak, listed and wildcard tags', () => {
    expect(etagMatches('"3"', '"3"')).toBe(true);
    expect(etagMatches('W/"3"', '"3"')).toBe(true);
    expect(etagMatches('"1", "3"', '"3"')).toBe(true);
    expect(etagMatches('*', '"3"')).toBe(true);
    expect(etagMatches('"2"', '"3"')).toBe(false);
    expect(etagMatches('3', '"3"')).toBe(false);
    expect(etagMatches(undefined, '"3"')).toBe(false);
  });
});

describe('CoalescedRefresh', () => {
  it('runs one reload at a time and exactly one more for any requests that came in meanwhile', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const r = new CoalescedRefresh(
      () => {
        runs++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      () => undefined,
    );
    const first = r.run();
    void r.run();
    void r.run();
    expect(runs).toBe(1);
    release();
    await new Promise((res) => setImmediate(res));
    expect(runs).toBe(2);
    release();
    await first;
    await r.idle();
    expect(runs).toBe(2);
  });

  it('reports a failed reload and keeps working', async () => {
    const errors: string[] = [];
    let fail = true;
    const r = new CoalescedRefresh(
      async () => {
        if (fail) throw new Error('db down');
      },
      (e) => errors.push(e.message),
    );
    await r.run();
    fail = false;
    await r.run();
    expect(errors).toEqual(['db down']);
  });
});
