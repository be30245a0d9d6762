import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { inCanary, POLICY_STREAM_EVENTS } from '@switchyard/contracts';
import { DataSource } from 'typeorm';
import { CHANGE_BUS, type ChangeBus } from '../../core/bus/change-bus';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import type { LivePolicy } from '../proxy-sync/live-policy.cache';
import { PolicyPublisher } from '../policies/policy-publisher';

/** What the fleet should run: the latest version, unless a canary of it is in progress. */
export interface FleetAssignment {
  /** Latest published version this replica has checked for a rollout. */
  latest: number;
  canary: { rolloutId: string; version: number; baselineVersion: number; canaryPercent: number } | null;
}

const SAFETY_REFRESH_MS = 30_000;
/** Snapshots of versions other than the latest kept serialised (baselines of recent rollouts). */
const MAX_FRAMES = 8;

/**
 * Which version each proxy should run — the hook through which staged rollouts reach
 * the proxy-facing API (policy pull, long-poll, SSE stream, heartbeat answer).
 *
 * A rollout row is written in the same transaction as the version it rolls out, so
 * whoever has seen version N can learn whether N is a canary by one read; the answer
 * is cached per replica and re-read when a newer version shows up or a rollout changes
 * (bus topic `rollout`, from any replica).
 */
@Injectable()
export class PolicyAssignments implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PolicyAssignments');
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private state: FleetAssignment = { latest: 0, canary: null };
  private readonly frames = new Map<number, LivePolicy>();
  /** The read in flight; callers share it instead of queueing reads of their own. */
  private loading: Promise<void> | null = null;
  /** Bumped by each thing learned in memory; a read that started before it is out of date. */
  private generation = 0;
  private readonly unsubscribe: Array<() => void> = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: PolicyPublisher,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
  ) {}

  async onModuleInit(): Promise<void> {
    // A version published on this replica by anything but a rollout has no canary: the
    // rollout service hands its own versions over (learn) before it announces them. So
    // a plain publish reaches this replica's proxies without a read.
    this.unsubscribe.push(
      this.publisher.onPublished((row) => {
        if (row.version > this.state.latest) this.learn({ latest: row.version, canary: null });
      }),
    );
    // Published on another replica: start the read now, alongside the live-policy cache's own.
    this.unsubscribe.push(
      this.bus.subscribe('policy', (hint) => {
        if (!/^\d+$/.test(hint) || Number(hint) > this.state.latest) void this.loadOnce();
      }),
    );
    this.unsubscribe.push(this.bus.subscribe('rollout', () => void this.refresh().catch(() => undefined)));
    await this.loadOnce();
    this.timer = setInterval(() => void this.loadOnce().catch(() => undefined), SAFETY_REFRESH_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    if (this.timer) clearInterval(this.timer);
    this.emitter.removeAllListeners();
    await this.loading?.catch(() => undefined);
  }

  /** Re-reads the rollout state with a read that starts now (after a rollout changed). */
  async refresh(): Promise<void> {
    if (this.loading) await this.loading.catch(() => undefined);
    await this.loadOnce();
  }

  /** What this replica just committed or published (known before any read could see it). */
  learn(next: FleetAssignment): void {
    this.generation++;
    this.apply(next);
  }

  private apply(next: FleetAssignment): void {
    if (next.latest < this.state.latest) return;
    const before = this.state;
    this.state = next;
    if (JSON.stringify(before.canary) !== JSON.stringify(next.canary)) this.emitter.emit('change');
  }

  /** Called when a rollout starts, is promoted or ends; listeners re-resolve their proxies. */
  onChange(listener: () => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /** The assignment as of version `latest` (reads the database if this replica has not checked that version yet). */
  async assignment(latest: number): Promise<FleetAssignment> {
    // A read already in flight may have started before `latest` committed: then one more.
    for (let i = 0; i < 3 && this.state.latest < latest; i++) await this.loadOnce();
    return this.state;
  }

  /**
   * The version proxy `proxyId` should run when `latest` is the newest published one.
   * Proxies that do not name themselves run the baseline during a canary.
   */
  async versionFor(proxyId: string | null | undefined, latest: number): Promise<number> {
    return versionIn(await this.assignment(latest), proxyId, latest);
  }

  /**
   * The serialised snapshot proxy `proxyId` should run: `live` itself, or during a
   * canary the baseline for proxies outside it.
   */
  async policyFor(proxyId: string | null | undefined, live: LivePolicy | null): Promise<LivePolicy | null> {
    if (!live) return null;
    const version = await this.versionFor(proxyId, live.version);
    return version === live.version ? live : this.frame(version);
  }

  private async frame(version: number): Promise<LivePolicy | null> {
    const cached = this.frames.get(version);
    if (cached) return cached;
    const row = await this.dataSource.getRepository(PolicyVersionEntity).findOneBy({ version });
    if (!row) return null;
    const json = JSON.stringify(row.snapshot);
    const frame: LivePolicy = {
      version: row.version,
      snapshot: row.snapshot,
      etag: `"${row.version}"`,
      body: Buffer.from(json),
      sseFrame: Buffer.from(`event: ${POLICY_STREAM_EVENTS.policy}\ndata: ${json}\n\n`),
    };
    if (this.frames.size >= MAX_FRAMES) this.frames.delete(this.frames.keys().next().value!);
    this.frames.set(version, frame);
    return frame;
  }

  /** Starts a read unless one is in flight; a failed read is logged and rejects for those who wait on it. */
  private loadOnce(): Promise<void> {
    if (!this.loading) {
      const p = this.load().finally(() => {
        this.loading = null;
      });
      p.catch((err: Error) => this.logger.warn(`could not read the rollout state: ${err.message}`));
      this.loading = p;
    }
    return this.loading;
  }

  private async load(): Promise<void> {
    const startedAt = this.generation;
    // One statement, so the latest version and the rollout state come from one snapshot:
    // two reads could see a rollout's version committed but not its rollout row.
    const rows: Array<{ latest: number | null; id: string | null; version: number | null; baseline_version: number | null; canary_percent: number | null }> =
      await this.dataSource.query(
        `SELECT (SELECT max(version) FROM policy_versions) AS latest, r.id, r.version, r.baseline_version, r.canary_percent
           FROM (SELECT 1) one
           LEFT JOIN LATERAL (SELECT id, version, baseline_version, canary_percent FROM rollouts WHERE state = 'active' ORDER BY created_at DESC LIMIT 1) r ON true`,
      );
    const row = rows[0];
    const latest = Number(row?.latest ?? 0);
    // A rollout whose version is no longer the latest was overtaken by a plain publish: everyone runs the latest.
    const canary =
      row?.id && Number(row.version) === latest
        ? { rolloutId: row.id, version: latest, baselineVersion: Number(row.baseline_version), canaryPercent: Number(row.canary_percent) }
        : null;
    // Something learned in memory while this read ran is newer than what it saw.
    if (startedAt !== this.generation) return;
    this.apply({ latest, canary });
  }
}

/** Pure: the version a proxy runs under an assignment. */
export function versionIn(a: FleetAssignment, proxyId: string | null | undefined, latest: number): number {
  const version = Math.max(a.latest, latest);
  if (!a.canary || a.canary.version !== version) return version;
  return proxyId && inCanary(proxyId, a.canary.canaryPercent) ? a.canary.version : a.canary.baselineVersion;
}
