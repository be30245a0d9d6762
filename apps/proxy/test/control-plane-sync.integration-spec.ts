import { SEED_POLICY, SWITCHYARD_HEADERS, type FleetResponse } from '@switchyard/contracts';
import { toPicoUsd } from '@switchyard/pricing';
import { seedPolicyWith } from './support/policies';
import { eventually, startCpFixture, type CpFixture } from './support/cp-fixture';

/** The real control plane: policy and keys sync, publish during traffic, fleet heartbeats, restart without it. */
describe('proxy ⇄ control plane', () => {
  let fx: CpFixture;
  beforeAll(async () => {
    fx = await startCpFixture();
  }, 60_000);
  afterAll(async () => {
    await fx.close();
  });

  it('loads the live policy and keys from the control plane and serves a key created there', async () => {
    const proxy = await fx.startProxy();
    expect((await fetch(`${proxy.url}/healthz`)).status).toBeGreaterThan(0);
    await eventually(() => proxy.policyVersion() !== null, 'the first policy');
    const { key } = await fx.cp.createApiKey('growth');
    // The new key reaches the proxy over the stream's `keys` event.
    const client = fx.client(proxy, key);
    const { data, response } = await eventually(
      () => client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'hello from the control plane' }] }).withResponse(),
      'the new key to be accepted',
    );
    expect(data.choices[0].message.content).toEqual(expect.any(String));
    expect(response.headers.get(SWITCHYARD_HEADERS.policyVersion)).toBe(String(proxy.policyVersion()));
    const health = (await (await fetch(`${proxy.url}/healthz`)).json()) as { status: string };
    expect(health.status).toBe('ok');
  });

  it('answers with the routing headers, and the cost header equals the cost the control plane stored', async () => {
    const proxy = await fx.startProxy({ proxyId: 'headers-test' });
    await eventually(() => proxy.policyVersion(), 'the first policy');
    const { key } = await fx.cp.createApiKey('headers');
    const client = fx.client(proxy, key);
    const { data, response } = await eventually(
      () => client.chat.completions.create({ model: 'critical', messages: [{ role: 'user', content: 'what does it cost?' }] }).withResponse(),
      'the key',
    );
    expect(response.headers.get(SWITCHYARD_HEADERS.bucket)).toBe('critical');
    expect(response.headers.get(SWITCHYARD_HEADERS.model)).toBe('openai/gpt-4o');
    expect(response.headers.get(SWITCHYARD_HEADERS.cache)).toBe('miss');
    expect(response.headers.get(SWITCHYARD_HEADERS.policyVersion)).toBe(String(proxy.policyVersion()));
    const cost = response.headers.get(SWITCHYARD_HEADERS.costUsd)!;
    // gpt-4o in the seed catalog: 2.50 in / 10.00 out per million tokens, exactly.
    const u = data.usage!;
    const picos = BigInt(u.prompt_tokens) * 2_500_000n + BigInt(u.completion_tokens) * 10_000_000n;
    expect(toPicoUsd(cost)).toBe(picos);
    await proxy.flushUsage();
    const rows = await eventually(async () => {
      const r = (await fx.cp.running.infra.database.dataSource.query(
        "SELECT cost_usd::text AS cost, baseline_cost_usd::text AS baseline, bucket, served_model FROM usage_events WHERE proxy_id = 'headers-test'",
      )) as Array<{ cost: string; baseline: string; bucket: string; served_model: string }>;
      return r.length === 1 ? r : null;
    }, 'the usage event to be stored');
    expect(toPicoUsd(rows[0].cost)).toBe(toPicoUsd(cost));
    expect(rows[0]).toMatchObject({ bucket: 'critical', served_model: 'openai/gpt-4o' });
  });

  it('reports itself in heartbeats: the fleet shows the version it applied', async () => {
    const proxy = await fx.startProxy({ proxyId: 'fleet-test-1', proxyName: 'fleet test', labels: { region: 'test' } });
    await eventually(() => proxy.policyVersion() !== null, 'the first policy');
    const entry = await eventually(async () => {
      const r = await fx.cp.request<FleetResponse>('GET', '/fleet');
      return r.body.proxies.find((p) => p.proxyId === 'fleet-test-1' && p.appliedVersion === proxy.policyVersion());
    }, 'the heartbeat to reach the fleet view');
    expect(entry).toMatchObject({ name: 'fleet test', labels: { region: 'test' }, rejectedVersion: null });
  });

  it('applies a publish during traffic atomically: every request is answered by one version whole', async () => {
    const proxy = await fx.startProxy();
    const before = await eventually(() => proxy.policyVersion(), 'the first policy');
    const { key } = await fx.cp.createApiKey('traffic');
    const client = fx.client(proxy, key);
    await eventually(() => client.models.list().then(() => true), 'the key');

    const seen: Array<{ version: string | null; model: string | null }> = [];
    let stop = false;
    const worker = async () => {
      while (!stop) {
        const { response } = await client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'during publish' }] }).withResponse();
        seen.push({ version: response.headers.get(SWITCHYARD_HEADERS.policyVersion), model: response.headers.get(SWITCHYARD_HEADERS.model) });
      }
    };
    const workers = [worker(), worker(), worker()];
    await eventually(() => seen.length >= 5, 'some traffic on the old version');
    const published = await fx.cp.publish(seedPolicyWith({ bulk: { targets: [{ model: 'zai-org/GLM-4-Plus', weight: 100 }], fallbacks: [] } }), 'bulk to GLM');
    await eventually(() => proxy.policyVersion() === published, 'the new version to apply');
    await eventually(() => seen.filter((s) => s.version === String(published)).length >= 5, 'traffic on the new version');
    stop = true;
    await Promise.all(workers);

    expect(published).toBeGreaterThan(before);
    for (const s of seen) {
      // A request answered under the old version was routed by it, and likewise for the new one.
      if (s.version === String(published)) expect(s.model).toBe('zai-org/GLM-4-Plus');
      else expect(s.model).toBe('deepseek-ai/DeepSeek-V4-Flash');
    }
    // Restore the starter policy for the other tests.
    await fx.cp.publish(SEED_POLICY, 'back to the starter policy');
  });

  it('starts from its last good policy and keys on disk when the control plane is unreachable', async () => {
    const dataDir = fx.newDataDir();
    const { key } = await fx.cp.createApiKey('offline');
    const first = await fx.startProxy({ dataDir });
    const version = await eventually(() => first.policyVersion(), 'the first policy');
    await eventually(() => fx.client(first, key).models.list().then(() => true), 'the key');
    await first.close();

    // Same data folder, control plane address that refuses connections.
    const offline = await fx.startProxy({ dataDir, controlPlaneUrl: 'http://127.0.0.1:9' });
    expect(offline.policyVersion()).toBe(version);
    expect((await fetch(`${offline.url}/healthz`)).status).toBe(200);
    const { response } = await fx.client(offline, key).chat.completions.create({ model: 'standard', messages: [{ role: 'user', content: 'offline' }] }).withResponse();
    expect(response.headers.get(SWITCHYARD_HEADERS.policyVersion)).toBe(String(version));
    expect(offline.spooledEvents()).toBeGreaterThanOrEqual(0);
  });

  it('refuses a revoked key once the control plane says so', async () => {
    const proxy = await fx.startProxy();
    const created = await fx.cp.createApiKey('revoked');
    const client = fx.client(proxy, created.key);
    await eventually(() => client.models.list().then(() => true), 'the key');
    const del = await fx.cp.request('DELETE', `/keys/${created.id}`);
    expect(del.status).toBe(204);
    await eventually(() => client.models.list().then(() => false, (e: { status?: number }) => e.status === 401), 'the key to be refused');
  });
});

describe('proxy ⇄ control plane: hard budget limits', () => {
  let fx: CpFixture;
  beforeAll(async () => {
    fx = await startCpFixture({ rollupDelayMs: 10 });
  }, 60_000);
  afterAll(async () => {
    await fx.close();
  });

  it('refuses a team whose hard budget is spent with a 429 in OpenAI shape on every proxy (pushed on the policy stream), and serves other teams', async () => {
    // Polls of GET /proxy/limits an hour apart: the limit must come on the policy stream.
    const proxy = await fx.startProxy({ limitsPollMs: 3_600_000 });
    // A second replica that never served the team: the limit is central, not per proxy.
    const replica = await fx.startProxy({ limitsPollMs: 3_600_000 });
    await eventually(() => proxy.policyVersion(), 'the first policy');
    await eventually(() => replica.policyVersion(), 'the first policy on the replica');
    const capped = await fx.cp.createApiKey('capped');
    const other = await fx.cp.createApiKey('uncapped');
    const budget = await fx.cp.request('POST', '/budgets', { team: 'capped', monthlyUsd: '0.000001', hardLimit: true });
    expect(budget.status).toBeLessThan(300);
    const client = fx.client(proxy, capped.key);
    await eventually(() => client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'spend it' }] }), 'a first request');
    await proxy.flushUsage();
    const err = await eventually(
      () => client.chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'over budget?' }] }).then(() => null, (e: { status?: number }) => (e.status === 429 ? e : null)),
      'the team to be blocked',
      30_000,
    );
    expect(err).toMatchObject({ status: 429, code: 'budget_exceeded', type: 'insufficient_quota' });
    expect(String((err as Error).message)).toMatch(/capped/);
    await expect(fx.client(proxy, other.key).chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'still fine' }] })).resolves.toBeDefined();
    const onReplica = await eventually(
      () =>
        fx.client(replica, capped.key).chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'other door?' }] })
          .then(() => null, (e: { status?: number }) => (e.status === 429 ? e : null)),
      'the replica to refuse the team too',
      30_000,
    );
    expect(onReplica).toMatchObject({ status: 429, code: 'budget_exceeded' });
    await expect(fx.client(replica, other.key).chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'fine here' }] })).resolves.toBeDefined();
  }, 90_000);
});
