import { randomUUID } from 'node:crypto';
import { fromPicoUsd, toPicoUsd } from '@switchyard/pricing';
import { RollupService } from '../src/modules/rollups/rollup.service';
import { percentile, record, type Histogram } from '../src/modules/rollups/histogram';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { dayOffset, eventually, makeEvent, postUsage, randomUsd, rng, sql } from './support/usage-events';

const SEED = Number(process.env.SPEND_TEST_SEED ?? Date.now() % 1_000_000);

describe('rollups', () => {
  let cp: ControlPlaneHarness;
  const rowsOf = (day: string) =>
    sql(cp, `SELECT *, to_char(day, 'YYYY-MM-DD') AS day FROM spend_daily WHERE day = $1 ORDER BY kind, bucket, model, team`, [day]).then((rows) =>
      rows.map(({ updated_at: _at, ...r }) => r),
    );
  const dimsOf = (day: string) =>
    sql(cp, `SELECT *, to_char(day, 'YYYY-MM-DD') AS day FROM spend_daily_dim WHERE day = $1 ORDER BY kind, dim, value`, [day]).then((rows) =>
      rows.map(({ updated_at: _at, ...r }) => r),
    );

  beforeAll(async () => {
    cp = await startControlPlane({ config: { rollupDelayMs: 100 } });
  });
  afterAll(async () => {
    await cp?.close();
  });

  it(`sums money exactly: a day's rollup equals the decimal sum of its events (seed ${SEED})`, async () => {
    const r = rng(SEED);
    const team = `exact-${randomUUID().slice(0, 6)}`;
    const day = dayOffset(-2);
    const events = Array.from({ length: 3000 }, (_, i) =>
      makeEvent({
        ts: `${day}T${String(Math.floor(r() * 24)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:00.${String(i % 1000).padStart(3, '0')}Z`,
        team,
        bucket: ['bulk', 'standard', 'critical'][Math.floor(r() * 3)],
        servedModel: ['test/a', 'test/b', null][Math.floor(r() * 3)],
        costUsd: randomUsd(r),
        baselineCostUsd: randomUsd(r),
        cacheSavedUsd: r() < 0.2 ? randomUsd(r) : '0',
        cache: r() < 0.2 ? 'exact' : 'miss',
        promptTokens: Math.floor(r() * 5000),
        completionTokens: Math.floor(r() * 2000),
        status: r() < 0.05 ? 502 : 200,
      }),
    );
    for (let i = 0; i < events.length; i += 1000) expect((await postUsage(cp, events.slice(i, i + 1000))).body.stored).toBe(1000);
    const sum = (key: 'costUsd' | 'baselineCostUsd' | 'cacheSavedUsd') => fromPicoUsd(events.reduce((s, e) => s + toPicoUsd(e[key] as string), 0n));

    const spend = await eventually(async () => {
      const res = await cp.request('GET', `/spend?from=${day}&to=${day}&team=${team}&groupBy=team`);
      return res.body.totals?.requests === events.length ? res.body : undefined;
    });
    expect(spend.totals).toMatchObject({
      costUsd: sum('costUsd'),
      baselineCostUsd: sum('baselineCostUsd'),
      cacheSavedUsd: sum('cacheSavedUsd'),
      savingsVsBaselineUsd: fromPicoUsd(toPicoUsd(sum('baselineCostUsd')) - toPicoUsd(sum('costUsd'))),
      errors: events.filter((e) => e.status === 502).length,
      cacheHits: events.filter((e) => e.cache === 'exact').length,
      promptTokens: events.reduce((s, e) => s + e.promptTokens, 0),
    });
    // The same through the full table (a filter on another dimension) and in SQL itself.
    const byBucket = await cp.request('GET', `/spend?from=${day}&to=${day}&team=${team}&groupBy=bucket`);
    expect(byBucket.body.totals.costUsd).toBe(sum('costUsd'));
    const [db] = await sql<{ cost: string }>(cp, 'SELECT sum(cost_usd)::text AS cost FROM spend_daily WHERE team = $1', [team]);
    expect(fromPicoUsd(toPicoUsd(db.cost))).toBe(sum('costUsd'));
  });

  it('updates yesterday when a late event arrives, and recomputing gives identical rows', async () => {
    const yesterday = dayOffset(-1);
    const team = `late-${randomUUID().slice(0, 6)}`;
    await postUsage(cp, [makeEvent({ ts: `${yesterday}T10:00:00Z`, team, costUsd: '1.000000000001' })]);
    await eventually(async () => ((await rowsOf(yesterday)).some((r) => r.team === team) ? true : undefined));
    // A proxy's spool replays a late event for yesterday.
    await postUsage(cp, [makeEvent({ ts: `${yesterday}T23:59:59.999Z`, team, costUsd: '2.5', ttftMs: 40 })]);
    const cost = await eventually(async () => {
      const [row] = (await rowsOf(yesterday)).filter((r) => r.team === team);
      return row?.requests === '2' ? row.cost_usd : undefined;
    });
    expect(cost).toBe('3.500000000001');

    const before = { rows: await rowsOf(yesterday), dims: await dimsOf(yesterday) };
    const rollups = cp.running.app.get(RollupService);
    const again = await rollups.recomputeDay(yesterday);
    expect(again.rows).toBe(before.rows.length);
    expect({ rows: await rowsOf(yesterday), dims: await dimsOf(yesterday) }).toEqual(before);
    // The per-dimension rows equal those rebuilt from spend_daily itself.
    await rollups.rebuildDims(yesterday, yesterday);
    expect(await dimsOf(yesterday)).toEqual(before.dims);
  });

  it('recomputes a range through the admin endpoint, restoring rows exactly', async () => {
    const day = dayOffset(-3);
    await postUsage(cp, Array.from({ length: 20 }, (_, i) => makeEvent({ ts: `${day}T0${i % 10}:00:00Z`, team: `rc-${i % 3}`, costUsd: `0.00000000000${(i % 9) + 1}` })));
    await eventually(async () => (Number((await rowsOf(day)).filter((r) => String(r.team).startsWith('rc-')).reduce((s, r) => s + Number(r.requests), 0)) === 20 ? true : undefined));
    const before = { rows: await rowsOf(day), dims: await dimsOf(day) };
    await sql(cp, 'DELETE FROM spend_daily_dim WHERE day = $1', [day]);
    await sql(cp, 'DELETE FROM spend_daily WHERE day = $1', [day]);

    const r = await cp.request('POST', '/admin/rollups/recompute', { from: dayOffset(-4), to: day });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ jobId: expect.any(String), days: 2 });
    await eventually(async () => ((await rowsOf(day)).length === before.rows.length ? true : undefined));
    expect({ rows: await rowsOf(day), dims: await dimsOf(day) }).toEqual(before);

    const bad = await cp.request('POST', '/admin/rollups/recompute', { from: day, to: dayOffset(-5) });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('to');
    const finance = await cp.createUser('finance');
    expect((await cp.request('POST', '/admin/rollups/recompute', { from: day, to: day }, finance.token)).status).toBe(403);
    expect((await cp.request('POST', '/admin/rollups/recompute', { from: day, to: day }, cp.proxyToken)).status).toBe(403);
  });

  it('flags requests with tokens but no cost, but not cache hits (which are free)', async () => {
    const day = dayOffset(-5);
    const team = `unpriced-${randomUUID().slice(0, 6)}`;
    await postUsage(cp, [
      makeEvent({ ts: `${day}T01:00:00Z`, team, costUsd: '0', promptTokens: 10 }),
      makeEvent({ ts: `${day}T01:00:00Z`, team, costUsd: '0', cache: 'semantic' }),
      makeEvent({ ts: `${day}T01:00:00Z`, team, costUsd: '0', promptTokens: 0, completionTokens: 0, status: 502, servedModel: null }),
      makeEvent({ ts: `${day}T01:00:00Z`, team }),
    ]);
    const totals = await eventually(async () => {
      const res = await cp.request('GET', `/spend?from=${day}&to=${day}&team=${team}&groupBy=team`);
      return res.body.totals?.requests === 4 ? res.body.totals : undefined;
    });
    expect(totals.unpricedRequests).toBe(1);
    const rows = (await rowsOf(day)).filter((r) => r.team === team);
    expect(rows.map((r) => r.model).sort()).toEqual(['(none)', 'test/pricey']);
  });

  it('merges latency histograms across days: a month percentile equals the histogram of all its requests', async () => {
    const from = dayOffset(-13);
    const to = dayOffset(-7);
    const bucket = `perf-${randomUUID().slice(0, 6)}`;
    const r = rng(SEED + 1);
    // Expected histograms per month (the 7 days may straddle a month boundary).
    const expected = new Map<string, { all: Histogram; ttft: Histogram; n: number }>();
    const events = Array.from({ length: 7 }, (_, d) => {
      const day = dayOffset(-13 + d);
      const period = `${day.slice(0, 7)}-01`;
      const e = expected.get(period) ?? { all: {}, ttft: {}, n: 0 };
      expected.set(period, e);
      return Array.from({ length: 200 }, () => {
        const totalMs = Math.round(r() * (d + 1) * 1000 * 1000) / 1000;
        const ttftMs = r() < 0.5 ? Math.round(r() * 300 * 1000) / 1000 : null;
        record(e.all, totalMs);
        if (ttftMs !== null) record(e.ttft, ttftMs);
        e.n++;
        return makeEvent({ ts: `${day}T12:00:00Z`, bucket, totalMs, ttftMs, status: r() < 0.1 ? 500 : 200 });
      });
    }).flat();
    await postUsage(cp, events);
    const perf = await eventually(async () => {
      const res = await cp.request('GET', `/performance?from=${from}&to=${to}&groupBy=bucket&granularity=month`);
      const mine = res.body.series?.filter((p: { group: string }) => p.group === bucket) ?? [];
      return mine.reduce((s: number, p: { requests: number }) => s + p.requests, 0) === events.length ? mine : undefined;
    });
    expect(perf.map((p: { period: string }) => p.period).sort()).toEqual([...expected.keys()].sort());
    for (const p of perf) {
      const e = expected.get(p.period)!;
      expect(p).toMatchObject({
        requests: e.n,
        latencyP50Ms: percentile(e.all, 0.5),
        latencyP95Ms: percentile(e.all, 0.95),
        ttftP50Ms: percentile(e.ttft, 0.5),
        ttftP95Ms: percentile(e.ttft, 0.95),
        errorRate: expect.stringMatching(/^0\.\d{4}$/),
        cacheHitRate: '0.0000',
      });
    }
    const daily = await cp.request('GET', `/performance?from=${from}&to=${to}&groupBy=bucket`);
    expect(daily.body.series.filter((p: { group: string }) => p.group === bucket)).toHaveLength(7);
  });
});
