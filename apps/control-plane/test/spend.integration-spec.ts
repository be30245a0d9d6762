import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { dayOffset, eventually, makeEvent, postUsage } from './support/usage-events';

/**
 * A fixed month of usage: 2026-03 lies inside the retention of a control plane
 * configured with a long one; events are placed on known days so weeks and months
 * are known too (2026-03-02 is a Monday).
 */
const RETENTION = { usageRetentionDays: 3650, rollupDelayMs: 100 };

function fixture() {
  const e = (day: string, over: Parameters<typeof makeEvent>[0]) => makeEvent({ ts: `${day}T08:00:00Z`, ...over });
  return [
    e('2026-03-02', { bucket: 'bulk', servedModel: 'test/a', team: 'growth', costUsd: '0.1', baselineCostUsd: '0.4', promptTokens: 100, completionTokens: 10 }),
    e('2026-03-02', { bucket: 'bulk', servedModel: 'test/b', team: 'content', costUsd: '0.000000000001', baselineCostUsd: '0.2', cache: 'exact', cacheSavedUsd: '0.3' }),
    e('2026-03-03', { bucket: 'critical', servedModel: 'test/b', team: 'growth', costUsd: '1.25', baselineCostUsd: '1.25', status: 503 }),
    e('2026-03-09', { bucket: 'bulk', servedModel: 'test/a', team: 'growth', costUsd: '0.05', baselineCostUsd: '0.1' }),
    e('2026-04-01', { bucket: 'bulk', servedModel: 'test/a', team: 'content', costUsd: '2', baselineCostUsd: '3' }),
    e('2026-03-02', { kind: 'evaluation', bucket: 'bulk', servedModel: 'test/a', team: 'growth', costUsd: '9', baselineCostUsd: '9' }),
  ];
}

describe('spend API', () => {
  let cp: ControlPlaneHarness;
  beforeAll(async () => {
    cp = await startControlPlane({ config: RETENTION });
    const events = fixture();
    expect((await postUsage(cp, events)).body.stored).toBe(events.length);
    await eventually(async () => {
      const r = await cp.request('GET', '/spend?from=2026-03-01&to=2026-04-30&groupBy=team');
      return r.body.totals?.requests === 5 ? true : undefined;
    });
  });
  afterAll(async () => {
    await cp?.close();
  });

  it('groups by bucket per day with totals, savings against the baseline apart from cache savings', async () => {
    const r = await cp.request('GET', '/spend?from=2026-03-01&to=2026-03-31');
    expect(r.status).toBe(200);
    expect(r.body.query).toMatchObject({ groupBy: 'bucket', granularity: 'day', kind: 'production' });
    expect(r.body.series.map((p: { period: string; group: string; costUsd: string }) => [p.period, p.group, p.costUsd])).toEqual([
      ['2026-03-02', 'bulk', '0.100000000001'],
      ['2026-03-03', 'critical', '1.25'],
      ['2026-03-09', 'bulk', '0.05'],
    ]);
    expect(r.body.groups.map((g: { group: string }) => g.group)).toEqual(['critical', 'bulk']);
    expect(r.body.totals).toEqual({
      requests: 4,
      errors: 1,
      promptTokens: 100 + 1000 * 3,
      completionTokens: 10 + 500 * 3,
      cachedTokens: 0,
      cacheHits: 1,
      cacheHitRate: '0.2500',
      costUsd: '1.400000000001',
      baselineCostUsd: '1.95',
      savingsVsBaselineUsd: '0.549999999999',
      savingsVsBaselinePct: '0.2821',
      cacheSavedUsd: '0.30',
      unpricedRequests: 0,
    });
  });

  it('writes any group name into the JSON answer intact: quotes, backslashes, tabs, newlines, emoji', async () => {
    const team = 'say "hi"\t\\ ünïcødé\n🚀';
    expect((await postUsage(cp, [makeEvent({ ts: '2026-05-05T08:00:00Z', team, servedModel: 'test/a', costUsd: '0.125' })])).body.stored).toBe(1);
    // One dimension reads spend_daily_dim; a filter on another dimension reads spend_daily: both write the series.
    for (const path of ['/spend?from=2026-05-01&to=2026-05-31&groupBy=team', '/spend?from=2026-05-01&to=2026-05-31&groupBy=team&model=test/a']) {
      const r = await eventually(async () => {
        const res = await cp.request('GET', path);
        return res.body.series?.length === 1 ? res : undefined;
      });
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(r.body.series).toEqual([expect.objectContaining({ period: '2026-05-05', group: team, requests: 1, costUsd: '0.125' })]);
      expect(r.body.groups.map((g: { group: string }) => g.group)).toEqual([team]);
    }
  });

  it('rolls days into ISO weeks and months, and filters', async () => {
    const weeks = await cp.request('GET', '/spend?from=2026-03-01&to=2026-04-30&granularity=week&groupBy=model');
    expect(weeks.body.series.map((p: { period: string; group: string; requests: number }) => [p.period, p.group, p.requests])).toEqual([
      ['2026-03-02', 'test/a', 1],
      ['2026-03-02', 'test/b', 2],
      ['2026-03-09', 'test/a', 1],
      ['2026-03-30', 'test/a', 1],
    ]);
    const months = await cp.request('GET', '/spend?from=2026-03-01&to=2026-04-30&granularity=month&groupBy=team&team=growth');
    expect(months.body.series.map((p: { period: string; group: string; costUsd: string }) => [p.period, p.group, p.costUsd])).toEqual([['2026-03-01', 'growth', '1.40']]);
    // A filter on another dimension than the grouping reads the detailed table: same sums.
    const crossed = await cp.request('GET', '/spend?from=2026-03-01&to=2026-04-30&granularity=month&groupBy=bucket&team=growth,content&model=test/a');
    expect(crossed.body.series.map((p: { period: string; group: string; costUsd: string }) => [p.period, p.group, p.costUsd])).toEqual([
      ['2026-03-01', 'bulk', '0.15'],
      ['2026-04-01', 'bulk', '2.00'],
    ]);
    const evaluation = await cp.request('GET', '/spend?from=2026-03-01&to=2026-03-31&kind=evaluation');
    expect(evaluation.body.totals).toMatchObject({ requests: 1, costUsd: '9.00' });
  });

  it('exports any view as CSV with a header and exact money', async () => {
    const res = await fetch(`${cp.api}/spend/export.csv?from=2026-03-01&to=2026-03-31&groupBy=team`, { headers: { authorization: `Bearer ${cp.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines).toEqual([
      'period,team,requests,errors,prompt_tokens,completion_tokens,cached_tokens,cache_hits,cost_usd,baseline_cost_usd,savings_vs_baseline_usd,cache_saved_usd',
      '2026-03-02,content,1,0,1000,500,0,1,0.000000000001,0.20,0.199999999999,0.30',
      '2026-03-02,growth,1,0,100,10,0,0,0.10,0.40,0.30,0.00',
      '2026-03-03,growth,1,1,1000,500,0,0,1.25,1.25,0.00,0.00',
      '2026-03-09,growth,1,0,1000,500,0,0,0.05,0.10,0.05,0.00',
    ]);
  });

  it('rejects bad queries with every problem named', async () => {
    const r = await cp.request('GET', '/spend?from=2026-13-01&to=x&groupBy=colour');
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['from', 'groupBy', 'to']);
    const reversed = await cp.request('GET', '/spend?from=2026-03-02&to=2026-03-01');
    expect(reversed.status).toBe(400);
    expect((await cp.request('GET', '/performance?from=2026-03-01')).status).toBe(400);
  });

  it('lets admin and finance read, and nobody else; nobody writes spend', async () => {
    const finance = await cp.createUser('finance');
    const viewer = await cp.createUser('viewer');
    const reviewer = await cp.createUser('reviewer');
    const reads = ['/spend?from=2026-03-01&to=2026-03-02', '/spend/export.csv?from=2026-03-01&to=2026-03-02', '/spend/summary', '/performance?from=2026-03-01&to=2026-03-02', '/budgets', '/budgets/status', '/alerts'];
    for (const path of reads) {
      expect([path, (await cp.request('GET', path)).status]).toEqual([path, 200]);
      expect([path, (await cp.request('GET', path, undefined, finance.token)).status]).toEqual([path, 200]);
      expect([path, (await cp.request('GET', path, undefined, viewer.token)).status]).toEqual([path, 403]);
      expect([path, (await cp.request('GET', path, undefined, reviewer.token)).status]).toEqual([path, 403]);
      expect([path, (await cp.request('GET', path, undefined, cp.proxyToken)).status]).toEqual([path, 403]);
      expect([path, (await cp.request('GET', path, undefined, null)).status]).toEqual([path, 401]);
    }
    for (const method of ['POST', 'PUT', 'DELETE']) expect((await cp.request(method, '/spend')).status).toBe(404);
    // The proxy token opens the proxy routes only.
    expect((await cp.request('GET', '/proxy/limits', undefined, cp.proxyToken)).status).toBe(200);
    expect((await cp.request('GET', '/proxy/limits')).status).toBe(403);
    expect((await cp.request('GET', '/proxy/limits', undefined, finance.token)).status).toBe(403);
  });
});

describe('spend summary', () => {
  let cp: ControlPlaneHarness;
  beforeAll(async () => {
    cp = await startControlPlane({ config: { rollupDelayMs: 100 } });
  });
  afterAll(async () => {
    await cp?.close();
  });

  it('gives month to date, a forecast that says its method, top models and teams', async () => {
    const today = dayOffset(0);
    const yesterday = dayOffset(-1);
    const eightDaysAgo = dayOffset(-8); // outside the 7-day window
    await postUsage(cp, [
      makeEvent({ ts: `${today}T00:00:01Z`, costUsd: '1', servedModel: 'test/a', team: 'growth' }),
      makeEvent({ ts: `${yesterday}T12:00:00Z`, costUsd: '7', servedModel: 'test/b', team: 'content' }),
      makeEvent({ ts: `${eightDaysAgo}T12:00:00Z`, costUsd: '100', servedModel: 'test/b', team: 'content' }),
      makeEvent({ ts: `${today}T00:00:01Z`, kind: 'evaluation', costUsd: '0.5', servedModel: 'test/a', team: 'growth' }),
    ]);
    const month = `${today.slice(0, 7)}-01`;
    const inMonth = (d: string) => d >= month;
    const [y, m] = today.split('-').map(Number);
    const daysLeft = new Date(Date.UTC(y, m, 0)).getUTCDate() - Number(today.slice(8)) + 1;
    const mtd = 1.5 + (inMonth(yesterday) ? 7 : 0) + (inMonth(eightDaysAgo) ? 100 : 0);
    const closed = (inMonth(yesterday) ? 7 : 0) + (inMonth(eightDaysAgo) ? 100 : 0);
    const forecast = Math.max(closed + (7 / 7) * daysLeft, mtd); // the last 7 full days hold $7

    const s = await eventually(async () => {
      const r = await cp.request('GET', '/spend/summary');
      return r.body.monthToDateUsd !== undefined && Number(r.body.monthToDateUsd) === mtd ? r.body : undefined;
    });
    expect(s.month).toBe(month);
    expect(Number(s.forecastMonthEndUsd)).toBe(forecast);
    expect(s.forecastMethod).toMatch(/average daily spend of the last 7 full days/);
    expect(s.topModels[0]).toMatchObject({ model: inMonth(eightDaysAgo) || inMonth(yesterday) ? 'test/b' : 'test/a' });
    expect(s.topTeams.map((t: { team: string }) => t.team).sort()).toEqual(inMonth(yesterday) || inMonth(eightDaysAgo) ? ['content', 'growth'] : ['growth']);
    expect(s.budgets).toEqual([]);
  });
});
