import { randomUUID } from 'node:crypto';
import { UsageIngestService } from '../src/modules/usage/usage-ingest.service';
import { UsageMaintenanceProcessor } from '../src/modules/usage/jobs/usage-maintenance.processor';
import { UsagePartitionsService } from '../src/modules/usage/usage-partitions.service';
import { INSERT_USAGE_SQL, insertParams, type StoredRow } from '../src/modules/usage/usage-insert';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { dayOffset, eventually, makeEvent, postUsage, sql } from './support/usage-events';

const DAY = 86_400_000;

describe('usage ingestion (POST /proxy/usage)', () => {
  let cp: ControlPlaneHarness;
  const storedCount = async () => Number((await sql<{ n: string }>(cp, 'SELECT count(*) AS n FROM usage_events'))[0].n);

  beforeAll(async () => {
    cp = await startControlPlane({ config: { rollupDelayMs: 100, usageRetentionDays: 30 } });
  });
  afterAll(async () => {
    await cp?.close();
  });

  it('stores a batch once: the same batch again is all duplicates, and the rollup counts it once', async () => {
    const team = `t-${randomUUID().slice(0, 8)}`;
    const events = Array.from({ length: 50 }, () => makeEvent({ team }));
    const first = await postUsage(cp, events);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ stored: 50, duplicates: 0, rejected: [] });
    const again = await postUsage(cp, events);
    expect(again.body).toEqual({ stored: 0, duplicates: 50, rejected: [] });
    // Half old, half new in one batch; and a repeated id inside the batch.
    const fresh = Array.from({ length: 10 }, () => makeEvent({ team }));
    const mixed = await postUsage(cp, [...events.slice(0, 10), ...fresh, fresh[0]]);
    expect(mixed.body).toEqual({ stored: 10, duplicates: 11, rejected: [] });

    const rows = await sql<{ n: string }>(cp, 'SELECT count(*) AS n FROM usage_events WHERE team = $1', [team]);
    expect(Number(rows[0].n)).toBe(60);
    const requests = await eventually(async () => {
      const r = await sql<{ n: string }>(cp, 'SELECT sum(requests) AS n FROM spend_daily WHERE team = $1', [team]);
      return Number(r[0].n) === 60 ? 60 : undefined;
    });
    expect(requests).toBe(60);
  });

  it('asks again for the rollup when a batch comes back as duplicates (its first delivery was stored, its rollup request lost)', async () => {
    const team = `lost-${randomUUID().slice(0, 8)}`;
    const events = Array.from({ length: 3 }, () => makeEvent({ team, ts: new Date(Date.now() - DAY).toISOString() }));
    // Stored without a rollup request, as if the process had died between the two: the same INSERT, run directly.
    await cp.running.app.get(UsagePartitionsService).ensure([dayOffset(-1)]);
    const rows = events.map((e) => ({ ...e, kind: 'production' as const, day: e.ts.slice(0, 10) }));
    expect(await sql(cp, INSERT_USAGE_SQL, insertParams(rows as StoredRow[]))).toEqual([{ day: dayOffset(-1), n: 3 }]);
    await new Promise((r) => setTimeout(r, 300));
    expect(await sql(cp, 'SELECT 1 FROM spend_daily WHERE team = $1', [team])).toEqual([]);
    expect((await postUsage(cp, events)).body).toEqual({ stored: 0, duplicates: 3, rejected: [] });
    const n = await eventually(async () => {
      const r = await sql<{ n: string }>(cp, 'SELECT sum(requests) AS n FROM spend_daily WHERE team = $1', [team]);
      return r[0].n === null ? undefined : Number(r[0].n);
    });
    expect(n).toBe(3);
  });

  it('rejects bad events by index with a reason and stores the good ones around them', async () => {
    const good = [makeEvent(), makeEvent()];
    const badMoney = { ...makeEvent(), costUsd: 0.0075 };
    const badTokens = makeEvent({ promptTokens: 10, cachedTokens: 20 });
    const extraField = { ...makeEvent(), surprise: true };
    const future = makeEvent({ ts: new Date(Date.now() + 2 * DAY).toISOString() });
    const tooOld = makeEvent({ ts: new Date(Date.now() - 40 * DAY).toISOString() });
    const r = await postUsage(cp, [good[0], badMoney, 'not an event', badTokens, extraField, future, tooOld, good[1]]);
    expect(r.status).toBe(200);
    expect(r.body.stored).toBe(2);
    expect(r.body.duplicates).toBe(0);
    expect(r.body.rejected.map((x: { index: number }) => x.index)).toEqual([1, 2, 3, 4, 5, 6]);
    const byIndex = new Map(r.body.rejected.map((x: { index: number; id: string | null; reason: string }) => [x.index, x]));
    expect(byIndex.get(1)).toMatchObject({ id: badMoney.id, reason: expect.stringContaining('costUsd') });
    expect(byIndex.get(2)).toMatchObject({ id: null });
    expect(byIndex.get(3)).toMatchObject({ reason: expect.stringContaining('cachedTokens') });
    expect(byIndex.get(4)).toMatchObject({ reason: expect.stringContaining('surprise') });
    expect(byIndex.get(5)).toMatchObject({ reason: expect.stringContaining("proxy's clock") });
    expect(byIndex.get(6)).toMatchObject({ reason: expect.stringContaining('retention') });
  });

  it('stores any text exactly, and rejects alone an event Postgres could not store', async () => {
    const odd = ['with "quotes"', 'back\\slash', 'comma, {braces}', 'NULL', '', 'ünïcødé 表'];
    const events = odd.map((team) => makeEvent({ team, errorType: team }));
    const nul = makeEvent({ team: 'a\u0000b' });
    const r = await postUsage(cp, [...events, nul]);
    expect(r.body.stored).toBe(odd.length);
    expect(r.body.rejected).toEqual([{ index: odd.length, id: nul.id, reason: 'team: contains a NUL character' }]);
    const rows = await sql<{ id: string; team: string; error_type: string }>(cp, 'SELECT id, team, error_type FROM usage_events WHERE id = ANY($1::uuid[])', [events.map((e) => e.id)]);
    expect(new Map(rows.map((x) => [x.id, [x.team, x.error_type]]))).toEqual(new Map(events.map((e) => [e.id, [e.team, e.team]])));
  });

  it('refuses a malformed batch with 400 and changes nothing', async () => {
    const before = await storedCount();
    const cases: unknown[] = [{}, { events: 'x' }, { events: [makeEvent()], extra: 1 }, [makeEvent()], { events: Array.from({ length: 5001 }, () => makeEvent()) }];
    for (const body of cases) {
      const r = await cp.request('POST', '/proxy/usage', body, cp.proxyToken);
      expect(r.status).toBe(400);
      expect(r.body.issues[0]).toMatchObject({ path: expect.any(String), message: expect.any(String) });
    }
    const raw = await fetch(`${cp.api}/proxy/usage`, { method: 'POST', headers: { authorization: `Bearer ${cp.proxyToken}`, 'content-type': 'application/json' }, body: '{"events": [' });
    expect(raw.status).toBe(400);
    expect(await storedCount()).toBe(before);
  });

  it('takes 5,000 events in one batch', async () => {
    const events = Array.from({ length: 5000 }, (_, i) => makeEvent({ totalMs: i % 700, ttftMs: i % 3 ? i % 300 : null }));
    const r = await postUsage(cp, events);
    expect(r.body).toEqual({ stored: 5000, duplicates: 0, rejected: [] });
  });

  it('opens only to the proxy token', async () => {
    const events = [makeEvent()];
    expect((await cp.request('POST', '/proxy/usage', { events }, null)).status).toBe(401);
    expect((await cp.request('POST', '/proxy/usage', { events })).status).toBe(403);
    const finance = await cp.createUser('finance');
    expect((await cp.request('POST', '/proxy/usage', { events }, finance.token)).status).toBe(403);
  });

  it('stores a late or back-filled event for a day without a partition, and keeps days apart', async () => {
    const partitions = cp.running.app.get(UsagePartitionsService);
    const day = dayOffset(-20);
    expect((await partitions.existingDays()).has(day)).toBe(false);
    const e = makeEvent({ ts: `${day}T23:59:59.999Z` });
    expect((await postUsage(cp, [e])).body.stored).toBe(1);
    expect((await partitions.existingDays()).has(day)).toBe(true);
    const [row] = await sql<{ day: string }>(cp, `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM usage_events WHERE id = $1`, [e.id]);
    expect(row.day).toBe(day);
    // An offset timestamp belongs to its UTC day.
    const shifted = makeEvent({ ts: `${day}T23:30:00-02:00` });
    await postUsage(cp, [shifted]);
    const [r2] = await sql<{ day: string }>(cp, `SELECT to_char(day, 'YYYY-MM-DD') AS day FROM usage_events WHERE id = $1`, [shifted.id]);
    expect(r2.day).toBe(dayOffset(-19));
  });

  it('treats a replay as a duplicate after the day has rolled over and the maintenance job ran', async () => {
    const ingest = cp.running.app.get(UsageIngestService);
    const now = Date.now();
    const yesterdays = Array.from({ length: 5 }, () => makeEvent({ ts: new Date(now - DAY).toISOString() }));
    // ingest() takes ownership of the batch (as it does of a request body): give it copies.
    const copy = () => yesterdays.map((e) => ({ ...e }));
    expect((await ingest.ingest(copy(), now)).stored).toBe(5);
    const tomorrow = now + DAY;
    await cp.running.app.get(UsageMaintenanceProcessor).run(tomorrow);
    expect(await ingest.ingest(copy(), tomorrow)).toEqual({ stored: 0, duplicates: 5, rejected: [] });
    expect(await ingest.ingest(copy(), tomorrow + 3 * DAY)).toEqual({ stored: 0, duplicates: 5, rejected: [] });
  });

  it('creates partitions ahead and drops the ones past the retention', async () => {
    const partitions = cp.running.app.get(UsagePartitionsService);
    const old = dayOffset(-29);
    await postUsage(cp, [makeEvent({ ts: `${old}T12:00:00Z` })]);
    await cp.running.app.get(UsageMaintenanceProcessor).run();
    let days = await partitions.existingDays();
    for (let i = -1; i <= 7; i++) expect(days.has(dayOffset(i))).toBe(true);
    expect(days.has(old)).toBe(true);
    // Three days later the retention (30 days) no longer covers `old`.
    await cp.running.app.get(UsageMaintenanceProcessor).run(Date.now() + 3 * DAY);
    days = await partitions.existingDays();
    expect(days.has(old)).toBe(false);
    expect(days.has(dayOffset(10))).toBe(true);
  });
});
