import { randomUUID } from 'node:crypto';
import { SEED_MODELS, SEED_POLICY, SEED_PROVIDERS, type CatalogModel, type SpendResponse, type UsageEventInput } from '@switchyard/contracts';
import { costUsd } from '@switchyard/pricing';
import type { ControlPlaneHarness } from '../../control-plane/test/support/control-plane.harness';

/** Makes sure the seeded catalog and a live policy exist (first start may already have done it). */
export async function ensureCatalogAndPolicy(cp: ControlPlaneHarness): Promise<void> {
  const providers = await cp.request<Array<{ name: string }>>('GET', '/providers');
  if (providers.status !== 200) throw new Error(`GET /providers answered ${providers.status}: ${JSON.stringify(providers.body)}`);
  for (const p of SEED_PROVIDERS) {
    if (!providers.body.some((x) => x.name === p.name)) await expectOk(cp.request('POST', '/providers', p), `create provider ${p.name}`);
  }
  const models = await cp.request<CatalogModel[]>('GET', '/models');
  for (const m of SEED_MODELS) {
    if (!models.body.some((x) => x.id === m.id)) await expectOk(cp.request('POST', '/models', m), `create model ${m.id}`);
  }
  const live = await cp.request('GET', '/policies/live');
  if (live.status === 404) await cp.publish(SEED_POLICY, 'Starter policy');
}

interface Mix {
  bucket: string;
  model: string;
  teams: string[];
  perDay: number;
  prompt: number;
  completion: number;
}

/** A month of traffic shaped like the starter policy's buckets. */
const MIX: Mix[] = [
  { bucket: 'bulk', model: 'deepseek-ai/DeepSeek-V4-Flash', teams: ['content', 'search'], perDay: 40, prompt: 60_000, completion: 8_000 },
  { bucket: 'standard', model: 'deepseek-ai/DeepSeek-V4-Pro', teams: ['support', 'search'], perDay: 20, prompt: 30_000, completion: 6_000 },
  { bucket: 'critical', model: 'openai/gpt-4o', teams: ['support'], perDay: 8, prompt: 12_000, completion: 2_000 },
];

/**
 * Sends `days` days of usage (ending today) through the proxy ingest endpoint, as a proxy
 * would, priced with the catalog's prices; returns how many events were sent.
 */
export async function seedUsage(cp: ControlPlaneHarness, days = 30): Promise<number> {
  const models = (await cp.request<CatalogModel[]>('GET', '/models')).body;
  const price = (id: string) => {
    const m = models.find((x) => x.id === id);
    if (!m) throw new Error(`model ${id} is not in the catalog`);
    return m.price;
  };
  const baseline = price('openai/gpt-4o');
  const events: UsageEventInput[] = [];
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  for (let d = days - 1; d >= 0; d--) {
    for (const mix of MIX) {
      // Weekly rhythm so the chart has a shape: quieter weekends.
      const dayStart = today - d * 86_400_000;
      const weekday = new Date(dayStart).getUTCDay();
      const count = weekday === 0 || weekday === 6 ? Math.ceil(mix.perDay / 2) : mix.perDay;
      for (let k = 0; k < count; k++) {
        const ts = new Date(dayStart + ((k * 86_400_000) / count) + 1000);
        if (ts.getTime() > Date.now()) continue;
        const cached = k % 5 === 0 ? Math.floor(mix.prompt / 3) : 0;
        const tokens = { promptTokens: mix.prompt + (k % 7) * 1000, completionTokens: mix.completion + (k % 3) * 500, cachedTokens: cached };
        // Some repeats are answered from the proxy's cache (free, the saving recorded); a few requests fail.
        const cacheHit = mix.bucket !== 'critical' && (k + d) % 6 === 0;
        const failed = (k * 7 + d) % 97 === 0;
        const cost = costUsd(tokens, price(mix.model));
        events.push({
          id: randomUUID(),
          ts: ts.toISOString(),
          proxyId: 'e2e-proxy',
          policyVersion: 1,
          kind: 'production',
          endpoint: 'chat.completions',
          bucket: mix.bucket,
          requestedModel: mix.bucket,
          servedModel: mix.model,
          apiKeyId: null,
          team: mix.teams[k % mix.teams.length],
          stream: k % 2 === 0,
          // A failed upstream call has no usage to bill (a zero cost with tokens would read as a missing price).
          ...(failed ? { promptTokens: 0, completionTokens: 0, cachedTokens: 0 } : tokens),
          usageEstimated: false,
          cache: cacheHit ? 'exact' : 'miss',
          costUsd: cacheHit || failed ? '0' : cost,
          baselineCostUsd: cacheHit || failed ? '0' : costUsd(tokens, baseline),
          cacheSavedUsd: cacheHit ? cost : '0',
          ttftMs: cacheHit ? 5 : 120 + (k % 10) * 15 + (mix.bucket === 'critical' ? 200 : 0),
          totalMs: cacheHit ? 12 : 800 + (k % 10) * 90 + (mix.bucket === 'critical' ? 900 : 0),
          status: failed ? 502 : 200,
          errorType: failed ? 'upstream_error' : null,
          attempts: failed ? 3 : 1,
        });
      }
    }
  }
  for (let i = 0; i < events.length; i += 1000) {
    const batch = events.slice(i, i + 1000);
    const r = await cp.request<{ stored: number; rejected: unknown[] }>('POST', '/proxy/usage', { events: batch }, cp.proxyToken);
    if (r.status >= 300 || r.body.rejected.length > 0) throw new Error(`usage ingest failed: ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
  }
  return events.length;
}

/** Recomputes the rollups for the range and waits until spend reports every seeded request. */
export async function waitForSpend(cp: ControlPlaneHarness, from: string, to: string, requests: number, timeoutMs = 60_000): Promise<void> {
  await cp.request('POST', '/admin/rollups/recompute', { from, to });
  const deadline = Date.now() + timeoutMs;
  let last = 0;
  while (Date.now() < deadline) {
    const r = await cp.request<SpendResponse>('GET', `/spend?from=${from}&to=${to}`);
    last = r.status === 200 ? r.body.totals.requests : -r.status;
    if (last === requests) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`spend shows ${last} requests after ${timeoutMs} ms; expected ${requests}`);
}

async function expectOk(p: Promise<{ status: number; body: unknown }>, what: string) {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.body)}`);
}
