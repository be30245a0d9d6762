import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { inCanary, SEED_POLICY, type PolicyContentInput, type RolloutDetail } from '@switchyard/contracts';
import { startProviderSim, type ProviderSim } from '../../provider-sim/src';
import { startProxy, type ProxyHandle } from '../../proxy/src/server';
import { startControlPlane, type ControlPlaneHarness } from './support/control-plane.harness';

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The starter policy with bulk traffic sent entirely to GLM, without fallbacks. */
const BULK_ON_GLM: PolicyContentInput = {
  ...SEED_POLICY,
  buckets: SEED_POLICY.buckets.map((b) => (b.name === 'bulk' ? { ...b, targets: [{ model: 'zai-org/GLM-4-Plus', weight: 100 }], fallbacks: [] } : b)),
};

/**
 * Real proxies, real traffic: a canary version that breaks the bulk bucket (its model
 * fails upstream) is withdrawn automatically from the usage those proxies report, and
 * every proxy ends up on the restored policy.
 */
describe('staged rollout on a fleet of real proxies', () => {
  let sim: ProviderSim;
  let cp: ControlPlaneHarness;
  let dir: string;
  const proxies: ProxyHandle[] = [];
  let key: string;

  beforeAll(async () => {
    sim = await startProviderSim({ port: 0 });
    cp = await startControlPlane({ config: { seedCatalog: true, seedProviderBaseUrl: sim.url, heartbeatIntervalSeconds: 1, rolloutEvaluateMs: 200 } });
    key = (await cp.createApiKey('growth')).key;
    dir = mkdtempSync(join(tmpdir(), 'sy-rollout-fleet-'));
    // Two proxies on each side of a 50% split.
    const ids = Array.from({ length: 100 }, (_, i) => `fleet-${i}`);
    const chosen = [...ids.filter((id) => inCanary(id, 50)).slice(0, 2), ...ids.filter((id) => !inCanary(id, 50)).slice(0, 2)];
    for (const proxyId of chosen) {
      proxies.push(
        await startProxy({ port: 0, proxyId, controlPlaneUrl: cp.url, proxyToken: cp.proxyToken, dataDir: join(dir, proxyId), logLevel: 'silent', usageFlushMs: 50, heartbeatMs: 200 }),
      );
    }
  });
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await cp?.close();
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the canary on its proxies, then aborts it automatically when their error rate regresses', async () => {
    const baseline = (await cp.request('GET', '/policies/live')).body.version as number;
    await until('every proxy on the baseline', () => proxies.every((p) => p.policyVersion() === baseline));
    sim.setConfig({ models: { 'GLM-4-Plus': { errorRate: 1 } } });

    const draft = await cp.request('POST', '/policies/drafts', { content: BULK_ON_GLM });
    const started = await cp.request('POST', '/rollouts', { draftId: draft.body.id, canaryPercent: 50, thresholds: { minRequests: 10, maxErrorRateDelta: 0.2 } });
    expect(started.status).toBe(201);
    const rollout = started.body as RolloutDetail;
    const [canary, rest] = [proxies.slice(0, 2), proxies.slice(2)];
    await until('the canary proxies on the new version', () => canary.every((p) => p.policyVersion() === rollout.version));
    expect(rest.map((p) => p.policyVersion())).toEqual([baseline, baseline]);
    const skew = await until('heartbeats showing the split', async () => {
      const d = (await cp.request('GET', `/rollouts/${rollout.id}`)).body as RolloutDetail;
      return d.versions[rollout.version] === 2 && d.versions[baseline] === 2 && d;
    });
    expect(skew.proxies.filter((p) => p.cohort === 'canary').map((p) => p.proxyId).sort()).toEqual(canary.map((p) => p.config.proxyId).sort());

    // Traffic: the canary's bulk requests fail upstream, the baseline's succeed.
    const outcomes = await Promise.all(
      proxies.flatMap((p) =>
        Array.from({ length: 12 }, () =>
          new OpenAI({ baseURL: `${p.url}/v1`, apiKey: key, maxRetries: 0 }).chat.completions
            .create({ model: 'bulk', messages: [{ role: 'user', content: 'summarise this' }] })
            .then(
              () => 200,
              (e: { status?: number }) => e.status ?? 0,
            ),
        ),
      ),
    );
    expect(outcomes.slice(0, 24).every((s) => s >= 500)).toBe(true);
    expect(outcomes.slice(24).every((s) => s === 200)).toBe(true);

    const ended = await until('the automatic abort', async () => {
      const d = (await cp.request('GET', `/rollouts/${rollout.id}`)).body as RolloutDetail;
      return d.state === 'aborted' && d;
    });
    expect(ended.endReason).toMatch(/^error rate 100\.00% vs 0\.00%/);
    // The abort comes as soon as both cohorts reach minRequests: later events fall outside the window.
    expect(ended.canary.requests).toBeGreaterThanOrEqual(10);
    expect(ended.canary.errors).toBe(ended.canary.requests);
    expect(ended.baseline.requests).toBeGreaterThanOrEqual(10);
    expect(ended.baseline.errors).toBe(0);
    const restored = ended.restoredVersion!;
    await until('every proxy on the restored policy', () => proxies.every((p) => p.policyVersion() === restored));

    // Bulk works again everywhere.
    const after = await new OpenAI({ baseURL: `${canary[0].url}/v1`, apiKey: key, maxRetries: 0 }).chat.completions.create({ model: 'bulk', messages: [{ role: 'user', content: 'again' }] });
    expect(after.model).toBeTruthy();
    await until('the fleet acknowledging the restored version', async () => {
      const d = (await cp.request('GET', `/rollouts/${rollout.id}`)).body as RolloutDetail;
      return d.versions[restored] === 4;
    });
  });
});
