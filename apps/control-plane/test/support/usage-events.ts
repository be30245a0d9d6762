import { randomUUID } from 'node:crypto';
import type { UsageEventInput } from '@switchyard/contracts';
import type { ControlPlaneHarness } from './control-plane.harness';

/** A valid usage event (a routed chat request, served by test/pricey); override what the test is about. */
export function makeEvent(over: Partial<UsageEventInput> = {}): UsageEventInput {
  return {
    id: randomUUID(),
    ts: new Date().toISOString(),
    proxyId: 'proxy-test',
    policyVersion: 1,
    kind: 'production',
    endpoint: 'chat.completions',
    bucket: 'bulk',
    requestedModel: 'bulk',
    servedModel: 'test/pricey',
    apiKeyId: 'key-1',
    team: 'content',
    stream: false,
    promptTokens: 1000,
    completionTokens: 500,
    cachedTokens: 0,
    usageEstimated: false,
    cache: 'miss',
    costUsd: '0.0075',
    baselineCostUsd: '0.0075',
    cacheSavedUsd: '0',
    ttftMs: null,
    totalMs: 120.5,
    status: 200,
    errorType: null,
    attempts: 1,
    ...over,
  };
}

/** A deterministic pseudo-random generator (tests print their seed so a failure can be replayed). */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x1_0000_0000;
  };
}

/** A USD amount with up to 12 decimals, e.g. "0.000123456789". */
export function randomUsd(r: () => number): string {
  const whole = Math.floor(r() * 3);
  const frac = String(Math.floor(r() * 1e12)).padStart(12, '0');
  return `${whole}.${frac}`;
}

export function postUsage(cp: ControlPlaneHarness, events: unknown[]) {
  return cp.request('POST', '/proxy/usage', { events }, cp.proxyToken);
}

/** Retries `probe` until it returns a value (not undefined) or the time is up; the last error is rethrown. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) throw lastError ?? new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function sql<T = Record<string, unknown>>(cp: ControlPlaneHarness, text: string, params: unknown[] = []): Promise<T[]> {
  return cp.running.infra.database.dataSource.query(text, params);
}

export function dayOffset(days: number, now = Date.now()): string {
  return new Date(now + days * 86_400_000).toISOString().slice(0, 10);
}
