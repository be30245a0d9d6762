import type { HeartbeatRequestInput, HeartbeatResponse } from '@switchyard/contracts';
import type { TeamLimits } from '../auth/team-limits';
import type { ProxyConfig } from '../config/proxy-config';
import type { Logger } from '../logger';
import type { PolicyStore } from '../policy/policy-store';
import type { PolicySync } from '../policy/policy-sync';
import type { UsageShipper } from '../usage/usage-shipper';
import type { ControlPlaneClient } from './control-plane-client';

/**
 * Tells the control plane who this proxy is and what it runs (heartbeat: applied
 * version, a rejected version with its reason, spooled events), and keeps the list of
 * teams over their hard budget. A heartbeat that names a newer version than the one
 * applied triggers an immediate fetch — a safety net under the stream.
 */
export class FleetReporter {
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private limitsTimer: NodeJS.Timeout | null = null;
  private intervalMs: number;
  private stopped = false;
  private readonly startedAt = new Date().toISOString();
  private beating: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly cp: ControlPlaneClient,
    private readonly config: ProxyConfig,
    private readonly deps: { policies: PolicyStore; sync: PolicySync; usage: UsageShipper; limits: TeamLimits },
    private readonly log: Logger,
  ) {
    this.intervalMs = config.heartbeatMs;
    deps.policies.onChange(() => void this.beat());
  }

  start(): void {
    void this.beat();
    void this.pollLimits();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    if (this.limitsTimer) clearTimeout(this.limitsTimer);
    await this.beating;
  }

  /**
   * Sends one heartbeat now and schedules the next. A call while one is in flight sends
   * another right after it: that one may carry a version applied meanwhile, and the
   * control plane (and a rollout watching the fleet converge) learns of it at once
   * instead of an interval later.
   */
  beat(): Promise<void> {
    if (this.beating) {
      this.again = true;
      return this.beating;
    }
    this.beating = (async () => {
      do {
        this.again = false;
        await this.sendHeartbeat();
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.beating = null;
      this.schedule();
    });
    return this.beating;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.heartbeatTimer) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => void this.beat(), this.intervalMs);
    this.heartbeatTimer.unref();
  }

  private async sendHeartbeat(): Promise<void> {
    const { policies, usage, sync } = this.deps;
    const body: HeartbeatRequestInput = {
      proxyId: this.config.proxyId,
      name: this.config.proxyName,
      labels: this.config.labels,
      appliedVersion: policies.current?.version ?? null,
      rejected: policies.rejected,
      startedAt: this.startedAt,
      spooledEvents: usage.spooled,
    };
    try {
      const res = await this.cp.post('/heartbeat', JSON.stringify(body), 10_000);
      if (res.status < 200 || res.status >= 300) {
        this.log.warn('heartbeat not accepted', { status: res.status, body: res.text.slice(0, 300) });
        return;
      }
      const hb = JSON.parse(res.text) as Partial<HeartbeatResponse>;
      if (typeof hb.intervalSeconds === 'number' && hb.intervalSeconds > 0) this.intervalMs = Math.min(hb.intervalSeconds * 1000, 300_000);
      const applied = policies.current?.version ?? 0;
      const latest = hb.latestVersion ?? null;
      if (latest !== null && latest !== applied && policies.rejected?.version !== latest && !this.stopped) await sync.pollOnce(0);
    } catch (err) {
      this.log.debug('heartbeat failed', { error: (err as Error).message });
    }
  }

  private async pollLimits(): Promise<void> {
    if (this.stopped) return;
    try {
      const res = await this.cp.get('/limits');
      if (res.status === 200) this.deps.limits.apply(JSON.parse(res.text));
    } catch {
      // The control plane is down: keep the last list; the next round retries.
    }
    if (this.stopped) return;
    this.limitsTimer = setTimeout(() => void this.pollLimits(), this.config.limitsPollMs);
    this.limitsTimer.unref();
  }
}
