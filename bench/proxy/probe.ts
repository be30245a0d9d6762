import { Client } from 'undici';

export interface ProbeTarget {
  name: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ProbeSeries {
  /** Microseconds to the whole answer (non-streaming) or to the first body byte (streaming). */
  samples: number[];
}

/**
 * Unloaded latency: one request at a time over one keep-alive connection per target,
 * targets interleaved (a, b, c, a, b, c, …) so drift in the machine's load hits all
 * alike. Streaming requests are timed to the first body byte, then drained.
 */
export async function probe(targets: ProbeTarget[], count: number, warmup: number, stream: boolean): Promise<Map<string, number[]>> {
  const clients = targets.map((t) => new Client(t.url, { pipelining: 1, keepAliveTimeout: 60_000 }));
  const out = new Map<string, number[]>(targets.map((t) => [t.name, []]));
  try {
    for (let i = 0; i < warmup + count; i++) {
      for (let k = 0; k < targets.length; k++) {
        const t = targets[k];
        const started = process.hrtime.bigint();
        const res = await clients[k].request({ method: 'POST', path: t.path, headers: t.headers, body: t.body });
        let first = 0n;
        if (stream) {
          await new Promise<void>((resolve, reject) => {
            res.body.once('data', () => {
              first = process.hrtime.bigint();
            });
            res.body.on('data', () => undefined);
            res.body.once('end', resolve);
            res.body.once('error', reject);
          });
        } else {
          await res.body.arrayBuffer();
          first = process.hrtime.bigint();
        }
        if (res.statusCode !== 200) throw new Error(`${t.name} answered ${res.statusCode} during the probe`);
        if (i >= warmup) out.get(t.name)!.push(Number(first - started) / 1000);
      }
    }
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  return out;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}
