import { request as httpRequest } from 'node:http';
import { SEED_POLICY, type PolicyContentInput } from '@switchyard/contracts';
import type { ControlPlaneHarness } from './control-plane.harness';
import { ProxyConnections } from '../../src/modules/proxy-sync/proxy-connections';

/** The starter policy with bulk traffic split n% to GLM, so each `n` is new content to publish. */
export function splitPolicy(n: number): PolicyContentInput {
  return {
    ...SEED_POLICY,
    buckets: SEED_POLICY.buckets.map((b) =>
      b.name === 'bulk' ? { ...b, targets: [{ model: 'deepseek-ai/DeepSeek-V4-Flash', weight: 100 - n }, { model: 'zai-org/GLM-4-Plus', weight: n }] } : b,
    ),
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** GET with exactly these headers (fetch would add caching behaviour of its own to If-None-Match). */
export function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves once the control plane holds at least `n` open long-polls/streams — so a test publishes only after a poll is waiting. */
export async function untilWaiting(cp: ControlPlaneHarness, n = 1, timeoutMs = 10_000): Promise<void> {
  const connections = cp.running.app.get(ProxyConnections);
  const deadline = Date.now() + timeoutMs;
  while (connections.count < n) {
    if (Date.now() > deadline) throw new Error(`fewer than ${n} proxy connections waiting after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
