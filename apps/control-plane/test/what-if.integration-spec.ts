import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';
import { dayOffset, eventually, makeEvent, postUsage } from './support/usage-events';

const CHEAP = 'test/cheap';
const PRICEY = 'test/pricey';

const DRAFT = {
  defaultBucket: 'bulk',
  baselineModel: PRICEY,
  buckets: [
    { name: 'bulk', targets: [{ model: CHEAP, weight: 50 }, { model: PRICEY, weight: 50 }] },
    { name: 'premium', match: [{ team: 'growth' }], targets: [{ model: PRICEY, weight: 100 }] },
  ],
};

describe('what-if (POST /what-if)', () => {
  let cp: ControlPlaneHarness;
  const day = dayOffset(-1);

  beforeAll(async () => {
    cp = await startControlPlane({ config: { rollupDelayMs: 100 } });
    expect((await cp.request('POST', '/providers', { name: 'testprov', baseUrl: 'http://127.0.0.1:9/v1' })).status).toBe(201);
    for (const m of [
      { id: CHEAP, inputPrice: '0.20', outputPrice: '0.80', cachedInputPrice: '0.05' },
      { id: PRICEY, inputPrice: '2.50', outputPrice: '10.00', cachedInputPrice: '1.25' },
    ]) {
      const r = await cp.request('POST', '/models', { ...m, provider: 'testprov', contextWindow: 100_000 });
      expect(r.status).toBe(201);
    }
    const at = `${day}T09:00:00Z`;
    const events = [
      // bulk: 10 requests routed to pricey (1,000 prompt + 500 completion tokens each, $0.0075 each) and 2 cache hits.
      ...Array.from({ length: 10 }, () => makeEvent({ ts: at, bucket: 'bulk', requestedModel: 'bulk', servedModel: PRICEY, team: 'content', costUsd: '0.0075' })),
      ...Array.from({ length: 2 }, () => makeEvent({ ts: at, bucket: 'bulk', requestedModel: 'bulk', servedModel: PRICEY, team: 'content', cache: 'exact', costUsd: '0', cacheSavedUsd: '0.0075' })),
      // legacy (a bucket the draft drops), team growth: one request pinned to pricey by name ($0.002) and two routed ones.
      makeEvent({ ts: at, bucket: 'legacy', requestedModel: PRICEY, servedModel: PRICEY, team: 'growth', promptTokens: 100, completionTokens: 100, costUsd: '0.002' }),
      ...Array.from({ length: 2 }, () =>
        makeEvent({ ts: at, bucket: 'legacy', requestedModel: 'legacy', servedModel: PRICEY, team: 'growth', promptTokens: 500, completionTokens: 500, cachedTokens: 200, costUsd: '0.004' }),
      ),
      // Evaluation traffic is not production usage: left out.
      makeEvent({ ts: at, kind: 'evaluation', bucket: 'bulk', costUsd: '5' }),
    ];
    expect((await postUsage(cp, events)).body.stored).toBe(events.length);
    await eventually(async () => {
      const r = await cp.request('GET', `/spend?from=${day}&to=${day}`);
      return r.body.totals?.requests === 15 ? true : undefined;
    });
  });
  afterAll(async () => {
    await cp?.close();
  });

  // Hand-computed (see what-if-math.spec.ts for the arithmetic):
  //   bulk:    actual 0.075; projected 0.5 × 0.006 + 0.5 × 0.075 = 0.0405
  //   premium: actual 0.01 (legacy traffic of team growth); projected 0.002 kept + 0.012 at pricey = 0.014
  const expected = {
    days: 1,
    actualUsd: '0.085',
    projectedUsd: '0.0545',
    actualMonthlyUsd: '2.55',
    projectedMonthlyUsd: '1.635',
    deltaMonthlyUsd: '-0.915',
    buckets: [
      { bucket: 'bulk', requests: 12, actualUsd: '0.075', projectedUsd: '0.0405', actualMonthlyUsd: '2.25', projectedMonthlyUsd: '1.215' },
      { bucket: 'premium', requests: 3, actualUsd: '0.01', projectedUsd: '0.014', actualMonthlyUsd: '0.30', projectedMonthlyUsd: '0.42' },
    ],
  };

  it('projects a draft over real usage to the hand-computed figures and explains the method', async () => {
    const r = await cp.request('POST', '/what-if', { policy: DRAFT, from: day, to: day });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: day, to: day, ...expected });
    expect(r.body.method).toMatch(/expected values/);
  });

  it('simulates a published version the same way', async () => {
    const version = await cp.publish(DRAFT, 'what-if fixture');
    const r = await cp.request('POST', '/what-if', { version, from: day, to: day });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject(expected);
    expect((await cp.request('POST', '/what-if', { version: 9999, from: day, to: day })).status).toBe(404);
  });

  it('normalises a longer range to 30 days', async () => {
    const r = await cp.request('POST', '/what-if', { policy: DRAFT, from: dayOffset(-7), to: day });
    expect(r.body).toMatchObject({ days: 7, actualUsd: '0.085', actualMonthlyUsd: '0.364285714286' });
    // 0.075 × 30 / 7 = 0.321428571428571… → …429;  0.01 × 30 / 7 = 0.042857142857142… → …857
    expect(r.body.buckets.map((b: { actualMonthlyUsd: string }) => b.actualMonthlyUsd)).toEqual(['0.321428571429', '0.042857142857']);
  });

  it('refuses an invalid draft, naming the problem, and a request with both or neither of policy and version', async () => {
    const bad = await cp.request('POST', '/what-if', {
      policy: { ...DRAFT, buckets: [{ name: 'bulk', targets: [{ model: 'nobody/none', weight: 100 }] }] },
      from: day,
      to: day,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'policy.buckets.0.targets.0.model' })]));
    expect((await cp.request('POST', '/what-if', { policy: DRAFT, version: 1, from: day, to: day })).status).toBe(400);
    expect((await cp.request('POST', '/what-if', { from: day, to: day })).status).toBe(400);
  });

  it('is open to admin and finance only', async () => {
    const body = { policy: DRAFT, from: day, to: day };
    expect((await cp.request('POST', '/what-if', body, (await cp.createUser('finance')).token)).status).toBe(200);
    expect((await cp.request('POST', '/what-if', body, (await cp.createUser('viewer')).token)).status).toBe(403);
    expect((await cp.request('POST', '/what-if', body, cp.proxyToken)).status).toBe(403);
    expect((await cp.request('POST', '/what-if', body, null)).status).toBe(401);
  });
});
