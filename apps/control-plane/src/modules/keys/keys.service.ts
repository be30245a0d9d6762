import { createHash, randomInt } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  API_KEY_PREFIX,
  type ApiKeySummary,
  type CreateApiKeyRequest,
  type CreatedApiKey,
  type ProxyKeySet,
} from '@switchyard/contracts';
import { CHANGE_BUS, type ChangeBus } from '../../core/bus/change-bus';
import { AuditService } from '../audit/audit.service';
import { ApiKeyEntity } from './api-key.entity';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Client API keys for the proxies: shown once, stored as sha256, synced to proxies as hashes. */
@Injectable()
export class KeysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(CHANGE_BUS) private readonly bus: ChangeBus,
  ) {}

  async create(req: CreateApiKeyRequest, actor: string): Promise<CreatedApiKey> {
    let secret = '';
    for (let i = 0; i < 40; i++) secret += BASE62[randomInt(62)];
    const key = `${API_KEY_PREFIX}${secret}`;
    const row = await this.dataSource.transaction(async (m) => {
      const saved = await m.getRepository(ApiKeyEntity).save({
        name: req.name,
        team: req.team,
        defaultBucket: req.defaultBucket ?? null,
        keyHash: hashApiKey(key),
        prefix: key.slice(0, API_KEY_PREFIX.length + 4),
        createdBy: actor,
        revokedAt: null,
      });
      await this.audit.record({ actor, action: 'key.create', target: saved.id, details: { name: req.name, team: req.team } }, m);
      return saved;
    });
    await this.bus.publish('keys', row.id);
    return { id: row.id, key };
  }

  async list(): Promise<ApiKeySummary[]> {
    const rows = await this.dataSource.getRepository(ApiKeyEntity).find({ order: { createdAt: 'DESC' } });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      team: r.team,
      defaultBucket: r.defaultBucket,
      prefix: r.prefix,
      createdAt: r.createdAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
    }));
  }

  async revoke(id: string, actor: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const r = await m
        .getRepository(ApiKeyEntity)
        .createQueryBuilder()
        .update()
        .set({ revokedAt: () => 'now()' })
        .where('id = :id AND revoked_at IS NULL', { id })
        .execute();
      if (!r.affected) {
        const exists = await m.getRepository(ApiKeyEntity).existsBy({ id });
        if (!exists) throw new NotFoundException(`No API key with id ${id}.`);
        return;
      }
      await this.audit.record({ actor, action: 'key.revoke', target: id }, m);
    });
    await this.bus.publish('keys', id);
  }

  /** Active keys as hashes, with a revision that changes whenever the set does. */
  async proxyKeySet(): Promise<ProxyKeySet> {
    const rows = await this.dataSource.getRepository(ApiKeyEntity).find({ order: { id: 'ASC' } });
    const active = rows.filter((r) => !r.revokedAt);
    const revision = createHash('sha256')
      .update(rows.map((r) => `${r.id}:${r.revokedAt ? 1 : 0}:${r.defaultBucket ?? ''}`).join(','))
      .digest('hex')
      .slice(0, 16);
    return {
      revision,
      keys: active.map((r) => ({ id: r.id, hash: r.keyHash, team: r.team, defaultBucket: r.defaultBucket })),
    };
  }
}
