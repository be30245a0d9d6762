import { Counter, Gauge, type Registry } from 'prom-client';
import type { ShadowStats } from '../shadow/shadow-sampler';

const OUTCOMES = ['sampled', 'completed', 'failed', 'dropped', 'skipped'] as const;

/**
 * Blind-review sampling in the proxy's registry, read from the sampler's own counts
 * at scrape time (nothing is counted twice on the request path): how many requests
 * were sampled and what became of them, and the comparison calls running and queued.
 */
export function registerShadowMetrics(registry: Registry, stats: () => ShadowStats): void {
  const registers = [registry];
  new Counter({
    name: 'switchyard_proxy_shadow_samples_total',
    help: 'Requests sampled for blind review, by outcome (sampled, completed, failed, dropped, skipped).',
    labelNames: ['outcome'],
    registers,
    collect() {
      const s = stats();
      this.reset();
      for (const o of OUTCOMES) this.labels(o).inc(s[o]);
    },
  });
  new Gauge({ name: 'switchyard_proxy_shadow_in_flight', help: 'Comparison calls running now.', registers, collect() { this.set(stats().inFlight); } });
  new Gauge({ name: 'switchyard_proxy_shadow_queued', help: 'Sampled requests waiting for a free comparison slot.', registers, collect() { this.set(stats().queued); } });
}
