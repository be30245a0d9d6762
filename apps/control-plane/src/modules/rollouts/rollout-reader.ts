import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { inCanary, type Rollout, type RolloutDetail, type RolloutProxy } from '@switchyard/contracts';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../core/config/config';
import { PolicyAssignments, versionIn } from './policy-assignments';
import { RolloutEntity } from './rollout.entity';
import { cohortMetrics } from './rollout-metrics';
import { rolloutVerdict } from './rollout-verdict';

/** Rollouts as the API shows them: state, cohort metrics over the window, verdict, and who runs what. */
@Injectable()
export class RolloutReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly assignments: PolicyAssignments,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<Rollout[]> {
    const rows = await this.dataSource.getRepository(RolloutEntity).find({ order: { createdAt: 'DESC' }, take: 200 });
    return rows.map((r) => this.toRollout(r));
  }

  async find(id: string): Promise<RolloutEntity> {
    const row = await this.dataSource.getRepository(RolloutEntity).findOneBy({ id });
    if (!row) throw new NotFoundException(`No rollout with id ${id}.`);
    return row;
  }

  async detail(id: string): Promise<RolloutDetail> {
    const r = await this.find(id);
    const to = r.endedAt ?? new Date();
    const metrics = await cohortMetrics(this.dataSource.manager, [r.version, r.baselineVersion], r.createdAt, to);
    const canary = metrics.get(r.version)!;
    const baseline = metrics.get(r.baselineVersion)!;
    const { proxies, versions } = await this.proxies(r);
    return {
      ...this.toRollout(r),
      window: { from: r.createdAt.toISOString(), to: to.toISOString() },
      canary,
      baseline,
      verdict: rolloutVerdict(canary, baseline, r.thresholds),
      proxies,
      versions,
    };
  }

  toRollout(r: RolloutEntity): Rollout {
    return {
      id: r.id,
      state: r.state,
      version: r.version,
      baselineVersion: r.baselineVersion,
      canaryPercent: r.canaryPercent,
      by: r.splitBy,
      thresholds: r.thresholds,
      autoAbort: r.autoAbort,
      createdBy: r.createdBy,
      createdAt: r.createdAt.toISOString(),
      endedAt: r.endedAt?.toISOString() ?? null,
      endedBy: r.endedBy,
      endReason: r.endReason,
      restoredVersion: r.restoredVersion,
    };
  }

  /** Every proxy that has reported, its cohort, the version it is assigned now and the one it runs. */
  private async proxies(r: RolloutEntity): Promise<{ proxies: RolloutProxy[]; versions: Record<string, number> }> {
    const rows: Array<{ proxy_id: string; name: string; applied_version: number | null; stale: boolean }> = await this.dataSource.query(
      `SELECT proxy_id, name, applied_version, last_heartbeat_at < now() - make_interval(secs => $1) AS stale
         FROM proxies ORDER BY name, proxy_id`,
      [this.config.proxyStaleAfterSeconds],
    );
    const state = await this.assignments.assignment(0);
    const versions: Record<string, number> = {};
    const proxies = rows.map((p) => {
      if (!p.stale && p.applied_version !== null) versions[p.applied_version] = (versions[p.applied_version] ?? 0) + 1;
      return {
        proxyId: p.proxy_id,
        name: p.name,
        cohort: inCanary(p.proxy_id, r.canaryPercent) ? ('canary' as const) : ('baseline' as const),
        assignedVersion: versionIn(state, p.proxy_id, state.latest),
        appliedVersion: p.applied_version,
        stale: p.stale,
      };
    });
    return { proxies, versions };
  }
}
