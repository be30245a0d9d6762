import { POLICY_STREAM_EVENTS } from '@switchyard/contracts';
import type { KeyStore } from '../auth/key-store';
import type { TeamLimits } from '../auth/team-limits';
import type { ControlPlaneClient } from '../control-plane/control-plane-client';
import type { Logger } from '../logger';
import { Backoff, sleep } from './backoff';
import type { PolicyStore } from './policy-store';
import { SseParser } from './sse-parser';

export interface PolicySyncOptions {
  /** `?wait=` of the long-poll fallback (seconds, ≤ 60). */
  pollWaitSeconds: number;
  /** No byte (not even a ping) for this long → the stream is presumed dead and reopened. */
  idleTimeoutMs: number;
  /** How long to stay on long-poll before trying the stream again after it was refused. */
  pollPeriodMs: number;
}

const DEFAULTS: PolicySyncOptions = { pollWaitSeconds: 25, idleTimeoutMs: 45_000, pollPeriodMs: 5 * 60_000 };

/**
 * Keeps the policy and the API keys in step with the control plane: subscribes to
 * the SSE stream (`event: policy`, `event: keys`, and `event: limits` — the teams
 * whose hard budget is spent, between polls of GET /proxy/limits); when the stream is refused (a
 * gateway that cuts long responses, an older control plane), falls back to ETag
 * long-polling for a while; reconnects with jittered exponential backoff.
 */
export class PolicySync {
  private readonly stopCtl = new AbortController();
  private loop: Promise<void> | null = null;
  // A 100 ms base: a stream that broke after delivering (its replica went away) is reopened —
  // on the next replica, with CONTROL_PLANE_URLS — within 50–100 ms; failures still back off to 30 s.
  private readonly backoff = new Backoff(100, 30_000);
  private readonly opts: PolicySyncOptions;
  private _connected = false;

  constructor(
    private readonly cp: ControlPlaneClient,
    private readonly policies: PolicyStore,
    private readonly keys: KeyStore,
    private readonly limits: TeamLimits,
    private readonly log: Logger,
    opts: Partial<PolicySyncOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...opts };
  }

  /** The SSE stream is open and has delivered at least one event. */
  get connected(): boolean {
    return this._connected;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopCtl.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const stop = this.stopCtl.signal;
    let pollUntil = 0;
    while (!stop.aborted) {
      if (Date.now() < pollUntil) {
        const ok = await this.pollOnce(this.opts.pollWaitSeconds);
        if (!ok) await sleep(this.backoff.next(), stop);
        else this.backoff.reset();
        continue;
      }
      const r = await this.sseSession();
      if (stop.aborted) break;
      if (r.delivered) this.backoff.reset();
      if (r.status === 401 || r.status === 403) {
        this.log.error('the control plane refused the proxy token (PROXY_TOKEN); retrying', { status: r.status });
      } else if (r.status !== null && r.status !== 200) {
        this.log.warn('policy stream refused; falling back to long-poll', { status: r.status });
        pollUntil = Date.now() + this.opts.pollPeriodMs;
        continue;
      }
      await sleep(this.backoff.next(), stop);
    }
  }

  /** One SSE connection, until it ends. `status` is null when no HTTP answer came (connection refused). */
  private async sseSession(): Promise<{ status: number | null; delivered: boolean }> {
    const ctl = new AbortController();
    const onStop = () => ctl.abort();
    this.stopCtl.signal.addEventListener('abort', onStop, { once: true });
    let delivered = false;
    let idle: NodeJS.Timeout | null = null;
    const arm = () => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => ctl.abort(), this.opts.idleTimeoutMs);
      idle.unref();
    };
    try {
      arm();
      const res = await this.cp.stream('/policy/stream', ctl.signal);
      if (res.statusCode !== 200) {
        await res.body.text().catch(() => '');
        return { status: res.statusCode, delivered };
      }
      const parser = new SseParser((m) => {
        delivered = true;
        this._connected = true;
        this.onEvent(m.event, m.data);
      }, arm);
      await new Promise<void>((resolve) => {
        res.body.on('data', (c: Buffer) => parser.push(c));
        res.body.once('end', resolve);
        res.body.once('error', () => resolve());
      });
      if (!this.stopCtl.signal.aborted) this.log.warn('policy stream closed; reconnecting');
      return { status: 200, delivered };
    } catch (err) {
      if (!this.stopCtl.signal.aborted) this.log.warn('control plane unreachable (policy stream)', { error: (err as Error).message });
      return { status: null, delivered };
    } finally {
      this._connected = false;
      if (idle) clearTimeout(idle);
      this.stopCtl.signal.removeEventListener('abort', onStop);
    }
  }

  private onEvent(event: string, data: string): void {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      this.log.warn('unreadable event on the policy stream', { event });
      return;
    }
    if (event === POLICY_STREAM_EVENTS.policy) this.policies.apply(json, 'control-plane');
    else if (event === POLICY_STREAM_EVENTS.keys) this.keys.apply(json, 'control-plane');
    else if (event === POLICY_STREAM_EVENTS.limits && !this.limits.apply(json)) this.log.warn('unreadable team limits on the policy stream');
  }

  /**
   * The versions we need not be sent again: the one we run and one we refused (else a
   * refused version would come back at once on every long poll, in a tight loop).
   */
  private policyTags(): string | null {
    const tags = [this.policies.current?.version, this.policies.rejected?.version].filter((v): v is number => v != null);
    return tags.length ? tags.map((v) => `"${v}"`).join(', ') : null;
  }

  /**
   * One ETag round: the policy (long-polled for `waitSeconds`, 0 = answer at once)
   * and the key set. True when both requests were answered.
   */
  async pollOnce(waitSeconds = 0): Promise<boolean> {
    const signal = this.stopCtl.signal;
    const policyPath = waitSeconds > 0 ? `/policy?wait=${waitSeconds}` : '/policy';
    try {
      const [p, k] = await Promise.all([
        this.cp.get(policyPath, { etag: this.policyTags(), timeoutMs: (waitSeconds + 10) * 1000, signal }),
        this.cp.get('/keys', { etag: this.keys.revision ? `"${this.keys.revision}"` : null, signal }),
      ]);
      if (p.status === 200) this.policies.apply(JSON.parse(p.text), 'control-plane');
      if (k.status === 200) this.keys.apply(JSON.parse(k.text), 'control-plane');
      const ok = (s: number) => s === 200 || s === 304 || s === 404;
      if (!ok(p.status) || !ok(k.status)) this.log.warn('policy poll answered with an error', { policy: p.status, keys: k.status });
      return ok(p.status) && ok(k.status);
    } catch (err) {
      if (!signal.aborted) this.log.warn('control plane unreachable (policy poll)', { error: (err as Error).message });
      return false;
    }
  }
}
