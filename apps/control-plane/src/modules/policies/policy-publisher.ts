import { EventEmitter } from 'node:events';
import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { validatePolicy, type PolicyVersionDetail, type PolicyVersionSummary } from '@switchyard/contracts';
import type { EntityManager } from 'typeorm';
import { CHANGE_BUS, type ChangeBus } from '../../core/bus/change-bus';
import { validationError } from '../../core/http/zod-validation.pipe';
import { AuditService } from '../audit/audit.service';
import { catalogEntries, loadCatalog } from '../catalog/catalog-data';
import { PolicyVersionEntity } from './policy-version.entity';
import { buildSnapshot, orderedSnapshot, snapshotContent, snapshotHash } from './policy-snapshot';

/**
 * Key of the transaction-scoped advisory lock that serialises everything which makes a
 * version or changes what a version would contain (publish, rollback, catalog change,
 * first-start seed) — across replicas, since they share the database.
 */
const PUBLISH_LOCK = 0x5357_5055; // "SWPU"

export interface PublishRequest {
  /** Policy content as edited (validated here against the catalog). */
  content: unknown;
  author: string;
  message: string;
  rolledBackFrom?: number | null;
  /**
   * What to do when the result equals the live version: a publish from a draft says
   * "no changes" (409); a catalog refresh does nothing; a rollback publishes anyway.
   */
  whenUnchanged: 'conflict' | 'skip' | 'publish';
  /** Audit label: why this version exists. */
  source: 'draft' | 'rollback' | 'catalog' | 'seed';
}

@Injectable()
export class PolicyPublisher {
  private readonly local = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly audit: AuditService,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
  ) {}

  /** Takes the publish lock for the rest of the transaction (re-entrant within it). */
  async lock(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock($1)', [PUBLISH_LOCK]);
  }

  async latest(m: EntityManager): Promise<PolicyVersionEntity | null> {
    return m.getRepository(PolicyVersionEntity).findOne({ where: {}, order: { version: 'DESC' } });
  }

  /** Number and hash of the latest version, without reading its snapshot. */
  private async latestHead(m: EntityManager): Promise<Pick<PolicyVersionEntity, 'version' | 'hash'> | null> {
    return m.getRepository(PolicyVersionEntity).findOne({ select: { version: true, hash: true }, where: {}, order: { version: 'DESC' } });
  }

  /**
   * Versions published by this replica, handed over in memory right after commit so
   * that its own proxies get them without waiting for the bus and a database read.
   */
  onPublished(listener: (row: PolicyVersionEntity) => void): () => void {
    this.local.on('published', listener);
    return () => this.local.off('published', listener);
  }

  /**
   * Validates the content against the current catalog, snapshots it and stores it as
   * the next version — inside the caller's transaction. Returns null when skipped.
   * Call `announce` with the result after the transaction commits.
   */
  async publishIn(m: EntityManager, req: PublishRequest): Promise<PolicyVersionEntity | null> {
    await this.lock(m);
    const catalog = await loadCatalog(m);
    const result = validatePolicy(req.content, catalogEntries(catalog));
    if (!result.ok) throw validationError('The policy is invalid; nothing was published', result.issues);

    const content = snapshotContent(result.policy, catalog);
    const live = await this.latestHead(m);
    if (live && live.hash === snapshotHash(content)) {
      if (req.whenUnchanged === 'skip') return null;
      if (req.whenUnchanged === 'conflict') {
        throw new ConflictException(`No changes: this content is already live as version ${live.version}. Edit the draft before publishing.`);
      }
    }
    const snapshot = buildSnapshot({ version: (live?.version ?? 0) + 1, publishedAt: new Date(), author: req.author, message: req.message }, content);
    const row = m.getRepository(PolicyVersionEntity).create({
      version: snapshot.version,
      hash: snapshot.hash,
      snapshot,
      author: snapshot.author,
      message: snapshot.message,
      publishedAt: new Date(snapshot.publishedAt),
      rolledBackFrom: req.rolledBackFrom ?? null,
    });
    await m.getRepository(PolicyVersionEntity).insert(row);
    await this.audit.record(
      {
        actor: req.author,
        action: req.source === 'rollback' ? 'policy.rollback' : 'policy.publish',
        target: `v${row.version}`,
        details: { message: row.message, hash: row.hash, source: req.source, rolledBackFrom: row.rolledBackFrom, previousVersion: live?.version ?? null },
      },
      m,
    );
    return row;
  }

  /**
   * The live policy re-snapshotted against the catalog as it is now, published as a new
   * version when the snapshot changed (a price, an enabled flag, a new model). Proxies
   * price from the snapshot, so a catalog change reaches them only this way.
   */
  async refreshLiveIn(m: EntityManager, author: string, message: string): Promise<PolicyVersionEntity | null> {
    await this.lock(m);
    const live = await this.latest(m);
    if (!live) return null;
    return this.publishIn(m, { content: live.snapshot.policy, author, message, whenUnchanged: 'skip', source: 'catalog' });
  }

  /** After commit: hands the version to this replica's proxies, then tells every other replica. */
  async announce(row: PolicyVersionEntity | null): Promise<void> {
    if (!row) return;
    this.local.emit('published', row);
    await this.bus.publish('policy', String(row.version));
  }
}

export function toVersionSummary(r: PolicyVersionEntity): PolicyVersionSummary {
  return {
    version: r.version,
    hash: r.hash,
    author: r.author,
    message: r.message,
    publishedAt: r.publishedAt.toISOString(),
    rolledBackFrom: r.rolledBackFrom,
  };
}

/** A version as published; `stored` rows come back from jsonb and get the contract key order again. */
export function toVersionDetail(r: PolicyVersionEntity, stored = true): PolicyVersionDetail {
  return { ...toVersionSummary(r), snapshot: stored ? orderedSnapshot(r.snapshot) : r.snapshot };
}
