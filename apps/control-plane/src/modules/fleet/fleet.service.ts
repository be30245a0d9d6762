import { Inject, Injectable } from '@nestjs/common';
import type { FleetProxy, FleetResponse, HeartbeatRequest } from '@switchyard/contracts';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import { PolicyAssignments, versionIn } from '../rollouts/policy-assignments';
import { ProxyEntity } from './proxy.entity';

/** Proxies as they report themselves in heartbeats, and how far behind its assigned version each runs. */
@Injectable()
export class FleetService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assignments: PolicyAssignments,
  ) {}

  /** One statement, so concurrent heartbeats of one proxy (two replicas) never collide. */
  async recordHeartbeat(hb: HeartbeatRequest): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ProxyEntity)
      .values({
        proxyId: hb.proxyId,
        name: hb.name,
        labels: hb.labels,
        appliedVersion: hb.appliedVersion,
        rejectedVersion: hb.rejected?.version ?? null,
        rejectReason: hb.rejected?.reason ?? null,
        spooledEvents: hb.spooledEvents,
        startedAt: hb.startedAt ? new Date(hb.startedAt) : null,
        lastHeartbeatAt: () => 'now()',
      })
      .orUpdate(['name', 'labels', 'applied_version', 'rejected_version', 'reject_reason', 'spooled_events', 'started_at', 'last_heartbeat_at'], ['proxy_id'])
      .execute();
  }

  async fleet(): Promise<FleetResponse> {
    const [rows, latestRow, now] = await Promise.all([
      this.dataSource.getRepository(ProxyEntity).find({ order: { name: 'ASC', proxyId: 'ASC' } }),
      this.dataSource.getRepository(PolicyVersionEntity).createQueryBuilder('v').select('MAX(v.version)', 'max').getRawOne<{ max: number | null }>(),
      // The database clock, the same one that stamped the heartbeats.
      this.dataSource.query('SELECT now() AS now') as Promise<Array<{ now: Date }>>,
    ]);
    const latest = latestRow?.max ?? null;
    // During a canary, proxies outside it are assigned the baseline on purpose: their lag
    // is measured against that, not against the newest version they are meant not to run.
    const assignment = latest === null ? null : await this.assignments.assignment(latest);
    const assigned = (proxyId: string) => (latest === null || !assignment ? 0 : versionIn(assignment, proxyId, latest));
    const staleBefore = new Date(now[0].now).getTime() - this.config.proxyStaleAfterSeconds * 1000;
    return { latestVersion: latest, proxies: rows.map((r) => toFleetProxy(r, assigned(r.proxyId), staleBefore)) };
  }
}

function toFleetProxy(r: ProxyEntity, assignedVersion: number, staleBefore: number): FleetProxy {
  return {
    proxyId: r.proxyId,
    name: r.name,
    labels: r.labels,
    appliedVersion: r.appliedVersion,
    rejectedVersion: r.rejectedVersion,
    rejectReason: r.rejectReason,
    lastHeartbeatAt: r.lastHeartbeatAt.toISOString(),
    firstSeenAt: r.firstSeenAt.toISOString(),
    spooledEvents: r.spooledEvents,
    lag: Math.max(0, assignedVersion - (r.appliedVersion ?? 0)),
    stale: r.lastHeartbeatAt.getTime() < staleBefore,
  };
}
