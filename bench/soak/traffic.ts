import { Pool } from 'undici';
import { mulberry32 } from '@switchyard/contracts';

/** Share of requests per bucket, streams, and prompts repeated from a small set (cache hits). */
export const MIX = {
  buckets: [
    ['bulk', 0.5],
    ['standard', 0.35],
    ['fragile', 0.15],
  ] as Array<[string, number]>,
  streamShare: 0.3,
  repeatedShare: 0.4,
  repeatedPrompts: 12,
};

export interface TrafficTotals {
  requests: number;
  ok: number;
  streams: number;
  cache: Record<string, number>;
  /** Client-visible errors by "status bucket code". */
  errors: Record<string, number>;
  /** Errors that injected upstream faults do not explain (anything but a 502 from an upstream status, on the bucket without fallbacks). */
  unexplained: number;
  /** Transport failures (no HTTP answer at all). */
  transport: number;
  latenciesMs: number[];
}

export function emptyTotals(): TrafficTotals {
  return { requests: 0, ok: 0, streams: 0, cache: {}, errors: {}, unexplained: 0, transport: 0, latenciesMs: [] };
}


function pickBucket(r: number): string {
  let acc = 0;
  for (const [name, share] of MIX.buckets) {
    acc += share;
    if (r < acc) return name;
  }
  return MIX.buckets[0][0];
}

const LATENCY_SAMPLES = 20_000;

/**
 * Mixed traffic through the proxies until `stopAt`: `lanes` clients, each alternating
 * proxies, streams and not, repeated prompts (cache hits after their first answer) and
 * unique ones, three buckets. Every answer is read to its end and classified.
 */
export async function runTraffic(proxyUrls: string[], apiKey: string, lanes: number, stopAt: number, totals: TrafficTotals): Promise<void> {
  const pools = proxyUrls.map((u) => new Pool(u, { connections: lanes, pipelining: 1, keepAliveTimeout: 30_000, headersTimeout: 120_000, bodyTimeout: 120_000 }));
  let unique = 0;
  const lane = async (n: number) => {
    const rnd = mulberry32(1000 + n);
    for (let i = 0; Date.now() < stopAt; i++) {
      const pool = pools[(n + i) % pools.length];
      const bucket = pickBucket(rnd());
      const stream = rnd() < MIX.streamShare;
      const prompt = rnd() < MIX.repeatedShare ? `Summarise product ${Math.floor(rnd() * MIX.repeatedPrompts)} in one line.` : `Write a tagline for item ${unique++} of lane ${n}.`;
      const body = JSON.stringify({ model: bucket, stream, messages: [{ role: 'user', content: prompt }] });
      const started = performance.now();
      totals.requests++;
      if (stream) totals.streams++;
      try {
        const res = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body });
        const text = await res.body.text();
        const ms = performance.now() - started;
        if (totals.latenciesMs.length < LATENCY_SAMPLES) totals.latenciesMs.push(ms);
        else totals.latenciesMs[Math.floor(Math.random() * LATENCY_SAMPLES)] = ms;
        const cache = String(res.headers['x-switchyard-cache'] ?? 'none');
        totals.cache[cache] = (totals.cache[cache] ?? 0) + 1;
        const streamBroken = stream && res.statusCode === 200 && (!text.includes('data: [DONE]') || text.includes('"error":{'));
        if (res.statusCode === 200 && !streamBroken) {
          totals.ok++;
          continue;
        }
        const code = /"code":"([^"]+)"/.exec(text)?.[1] ?? (streamBroken ? 'stream_broken' : 'none');
        const key = `${res.statusCode} ${bucket} ${code}`;
        totals.errors[key] = (totals.errors[key] ?? 0) + 1;
        // Faults are injected only upstream; only the bucket without fallbacks can show them to a client.
        const explained = res.statusCode === 502 && bucket === 'fragile' && /^upstream_status_(5\d\d|429)$/.test(code);
        if (!explained) totals.unexplained++;
      } catch {
        totals.transport++;
        totals.unexplained++;
      }
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, n) => lane(n)));
  await Promise.all(pools.map((p) => p.close()));
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
