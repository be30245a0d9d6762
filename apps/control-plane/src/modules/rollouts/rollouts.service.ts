import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CreateRolloutRequest, Rollout, RolloutDetail } from '@switchyard/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { CHANGE_BUS, type ChangeBus } from '../../core/bus/change-bus';
import { AuditService } from '../audit/audit.service';
import { PolicyDraftEntity } from '../policies/policy-draft.entity';
import { PolicyPublisher } from '../policies/policy-publisher';
import { PolicyVersionEntity } from '../policies/policy-version.entity';
import { PolicyAssignments } from './policy-assignments';
import { RolloutEntity } from './rollout.entity';
import { RolloutReader } from './rollout-reader';

export type EndedBy = { actor: string; automatic: boolean };

/**
 * Starting, promoting and aborting staged rollouts. Every step runs in one transaction
 * with its audit entry and, where a version is made, under the publish lock — so a
 * rollout and the version it rolls out commit together and replicas never see one
 * without the other.
 */
@Injectable()
export class RolloutsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly publisher: PolicyPublisher,
    private readonly assignments: PolicyAssignments,
    private readonly reader: RolloutReader,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
  ) {}

  list(): Promise<Rollout[]> {
    return this.reader.list();
  }

  detail(id: string): Promise<RolloutDetail> {
    return this.reader.detail(id);
  }

  /**
   * Publishes the draft (or an earlier version's content) as a new version that only
   * the canary share of proxies runs; the rest keep the version live until now.
   */
  async start(req: CreateRolloutRequest, actor: string): Promise<RolloutDetail> {
    const { rollout, version } = await this.dataSource.transaction(async (m) => {
      await this.publisher.lock(m);
      const live = await this.publisher.latest(m);
      if (!live) throw new ConflictException('Nothing is published yet: publish a first version to everyone, then roll out changes to it.');
      const running = await m.getRepository(RolloutEntity).findOne({ where: { state: 'active' }, lock: { mode: 'pessimistic_write' } });
      if (running && running.version === live.version) {
        throw new ConflictException(`Rollout ${running.id} (version ${running.version}) is still running: promote or abort it first.`);
      }
      if (running) await this.supersede(m, running, live.version);

      const source = await this.contentFor(m, req);
      const row = await this.publisher.publishIn(m, {
        content: source.content,
        author: actor,
        message: req.message ?? source.message,
        rolledBackFrom: source.rolledBackFrom,
        whenUnchanged: 'conflict',
        source: source.rolledBackFrom ? 'rollback' : 'draft',
      });
      const created = await m.getRepository(RolloutEntity).save({
        version: row!.version,
        baselineVersion: live.version,
        state: 'active',
        canaryPercent: req.canaryPercent,
        splitBy: req.by,
        thresholds: req.thresholds,
        autoAbort: req.autoAbort,
        createdBy: actor,
      });
      await this.audit.record(
        {
          actor,
          action: 'rollout.start',
          target: created.id,
          details: { version: created.version, baselineVersion: created.baselineVersion, canaryPercent: created.canaryPercent, thresholds: created.thresholds, autoAbort: created.autoAbort },
        },
        m,
      );
      return { rollout: created, version: row };
    });
    // This replica knows the assignment before it hands the version to its proxies.
    this.assignments.learn({
      latest: rollout.version,
      canary: { rolloutId: rollout.id, version: rollout.version, baselineVersion: rollout.baselineVersion, canaryPercent: rollout.canaryPercent },
    });
    await this.publisher.announce(version);
    await this.announce(rollout.id);
    return this.reader.detail(rollout.id);
  }

  /** Everyone runs the rollout's version. */
  async promote(id: string, reason: string | undefined, actor: string): Promise<Rollout> {
    const row = await this.dataSource.transaction(async (m) => {
      await this.publisher.lock(m);
      const r = await this.activeRollout(m, id, 'promote');
      r.state = 'promoted';
      r.endedAt = new Date();
      r.endedBy = actor;
      r.endReason = reason?.trim() || null;
      await m.getRepository(RolloutEntity).save(r);
      await this.audit.record({ actor, action: 'rollout.promote', target: r.id, details: { version: r.version, baselineVersion: r.baselineVersion, reason: r.endReason } }, m);
      return r;
    });
    this.assignments.learn({ latest: row.version, canary: null });
    await this.announce(row.id);
    return this.reader.toRollout(row);
  }

  /**
   * Everyone goes back to the baseline's content, published as a new version (proxies
   * and caches only ever move forward); the aborted version stays in the history and
   * the rollout records why it ended.
   */
  async abort(id: string, reason: string | undefined, by: EndedBy, details: Record<string, unknown> = {}): Promise<Rollout> {
    const { rollout, restored } = await this.dataSource.transaction(async (m) => {
      await this.publisher.lock(m);
      const r = await this.activeRollout(m, id, 'abort');
      const baseline = await m.getRepository(PolicyVersionEntity).findOneByOrFail({ version: r.baselineVersion });
      const why = reason?.trim() || (by.automatic ? 'canary past its thresholds' : 'aborted by an admin');
      const restored = await this.publisher.publishIn(m, {
        content: baseline.snapshot.policy,
        author: by.actor,
        message: `Rollout of version ${r.version} aborted (${why}); back to the policy of version ${r.baselineVersion}`,
        rolledBackFrom: r.baselineVersion,
        whenUnchanged: 'publish',
        source: 'rollback',
      });
      r.state = 'aborted';
      r.endedAt = new Date();
      r.endedBy = by.actor;
      r.endReason = why;
      r.restoredVersion = restored!.version;
      await m.getRepository(RolloutEntity).save(r);
      await this.audit.record(
        {
          actor: by.actor,
          action: by.automatic ? 'rollout.auto_abort' : 'rollout.abort',
          target: r.id,
          details: { version: r.version, baselineVersion: r.baselineVersion, restoredVersion: r.restoredVersion, reason: why, ...details },
        },
        m,
      );
      return { rollout: r, restored };
    });
    this.assignments.learn({ latest: rollout.restoredVersion!, canary: null });
    await this.publisher.announce(restored);
    await this.announce(rollout.id);
    return this.reader.toRollout(rollout);
  }

  /** A plain publish overtook the rollout's version: it no longer decides anything. */
  async supersede(m: EntityManager, r: RolloutEntity, latest: number): Promise<void> {
    r.state = 'superseded';
    r.endedAt = new Date();
    r.endedBy = 'system';
    r.endReason = `version ${latest} was published to everyone while the rollout ran`;
    await m.getRepository(RolloutEntity).save(r);
    await this.audit.record({ actor: 'system', action: 'rollout.superseded', target: r.id, details: { version: r.version, latestVersion: latest } }, m);
  }

  private async activeRollout(m: EntityManager, id: string, what: 'promote' | 'abort'): Promise<RolloutEntity> {
    const r = await m.getRepository(RolloutEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!r) throw new NotFoundException(`No rollout with id ${id}.`);
    if (r.state !== 'active') throw new ConflictException(`Rollout ${id} is ${r.state}; only an active rollout can be ${what === 'abort' ? 'aborted' : 'promoted'}.`);
    const live = await this.publisher.latest(m);
    // (The evaluation job records it as superseded.)
    if (live && live.version !== r.version) {
      throw new ConflictException(`Rollout ${id} was overtaken by version ${live.version}, published to everyone; there is nothing left to ${what}.`);
    }
    return r;
  }

  private async contentFor(m: EntityManager, req: CreateRolloutRequest): Promise<{ content: unknown; message: string; rolledBackFrom: number | null }> {
    if (req.draftId) {
      const draft = await m.getRepository(PolicyDraftEntity).findOneBy({ id: req.draftId });
      if (!draft) throw new NotFoundException(`No policy draft with id ${req.draftId}.`);
      return { content: draft.content, message: `Staged rollout of draft "${draft.name}" to ${req.canaryPercent}% of proxies`, rolledBackFrom: null };
    }
    const v = await m.getRepository(PolicyVersionEntity).findOneBy({ version: req.version! });
    if (!v) throw new NotFoundException(`No policy version ${req.version}.`);
    return { content: v.snapshot.policy, message: `Staged rollout of version ${v.version}'s policy to ${req.canaryPercent}% of proxies`, rolledBackFrom: v.version };
  }

  /** The other replicas hear of it on the bus and re-read. */
  private async announce(rolloutId: string): Promise<void> {
    await this.bus.publish('rollout', rolloutId);
  }
}
