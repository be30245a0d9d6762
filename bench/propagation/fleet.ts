import { join } from 'node:path';
import { Client } from 'pg';
import { ROOT } from './replica-process';

type ProxyModule = typeof import('../../apps/proxy/src/server');
type ProxyHandle = Awaited<ReturnType<ProxyModule['startProxy']>>;

export interface BenchProxy {
  id: string;
  /** The replica it connects to first. */
  home: string;
  handle: ProxyHandle;
}

/**
 * N real proxies (apps/proxy, compiled) in this process, half preferring each replica
 * and knowing both (CONTROL_PLANE_URLS), plus two clocks per proxy and version:
 * when the proxy applied it (its own state, sampled every 2 ms) and when the control
 * plane recorded its heartbeat acknowledging it (the proxies table, sampled every 5 ms).
 */
export class BenchFleet {
  readonly proxies: BenchProxy[] = [];
  private readonly applied = new Map<string, number>();
  private readonly acked = new Map<string, number>();
  private readonly lastApplied = new Map<string, number | null>();
  private readonly lastAcked = new Map<string, number>();
  private sampler: NodeJS.Timeout | null = null;
  private db: Client | null = null;
  private polling = false;
  private dbTimer: NodeJS.Timeout | null = null;

  async start(opts: { count: number; replicas: Array<{ name: string; url: string }>; proxyToken: string; dataDir: string; databaseUrl: string }): Promise<void> {
    const { startProxy } = require(join(ROOT, 'apps/proxy/dist/server.js')) as ProxyModule;
    for (let i = 0; i < opts.count; i++) {
      const first = opts.replicas[i % opts.replicas.length];
      const urls = [first.url, ...opts.replicas.filter((r) => r !== first).map((r) => r.url)];
      const id = `bench-proxy-${String(i).padStart(3, '0')}`;
      const handle = await startProxy({
        port: 0,
        proxyId: id,
        proxyName: id,
        labels: { bench: 'propagation', home: first.name },
        controlPlaneUrls: urls,
        proxyToken: opts.proxyToken,
        dataDir: join(opts.dataDir, id),
        logLevel: 'silent',
      });
      this.proxies.push({ id, home: first.name, handle });
    }
    this.sampler = setInterval(() => this.sampleApplied(), 2);
    this.db = new Client({ connectionString: opts.databaseUrl });
    await this.db.connect();
    this.dbTimer = setInterval(() => void this.sampleAcked(), 5);
  }

  private sampleApplied(): void {
    const now = performance.now();
    for (const p of this.proxies) {
      const v = p.handle.policyVersion();
      if (v !== this.lastApplied.get(p.id)) {
        this.lastApplied.set(p.id, v);
        if (v !== null && !this.applied.has(`${p.id}@${v}`)) this.applied.set(`${p.id}@${v}`, now);
      }
    }
  }

  private async sampleAcked(): Promise<void> {
    if (this.polling || !this.db) return;
    this.polling = true;
    try {
      const { rows } = await this.db.query<{ proxy_id: string; applied_version: number }>('SELECT proxy_id, applied_version FROM proxies WHERE applied_version IS NOT NULL');
      const now = performance.now();
      for (const r of rows) {
        if (this.lastAcked.get(r.proxy_id) === r.applied_version) continue;
        this.lastAcked.set(r.proxy_id, r.applied_version);
        const key = `${r.proxy_id}@${r.applied_version}`;
        if (!this.acked.has(key)) this.acked.set(key, now);
      }
    } catch {
      // A failed sample is retried 5 ms later.
    } finally {
      this.polling = false;
    }
  }

  appliedAt(proxyId: string, version: number): number | undefined {
    return this.applied.get(`${proxyId}@${version}`);
  }

  ackedAt(proxyId: string, version: number): number | undefined {
    return this.acked.get(`${proxyId}@${version}`);
  }

  /** Resolves when every proxy acknowledged `version` in a heartbeat; false after `timeoutMs`. */
  async converged(version: number, timeoutMs: number): Promise<boolean> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      if (this.proxies.every((p) => this.ackedAt(p.id, version) !== undefined)) return true;
      await new Promise((r) => setTimeout(r, 5));
    }
    return false;
  }

  async close(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    if (this.dbTimer) clearInterval(this.dbTimer);
    await Promise.all(this.proxies.map((p) => p.handle.close()));
    await this.db?.end().catch(() => undefined);
  }
}
