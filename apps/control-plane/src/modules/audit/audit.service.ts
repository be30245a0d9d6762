import { Injectable } from '@nestjs/common';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  actor: string;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
}

/** Who changed what, when. Pass the transaction's manager so the entry commits with the change. */
@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditEntryEntity, {
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      details: (entry.details ?? {}) as AuditEntryEntity['details'] & object,
    });
  }

  async list(limit: number, before?: string) {
    const rows = await this.dataSource.getRepository(AuditEntryEntity).find({
      where: before ? { id: LessThan(before) } : {},
      order: { id: 'DESC' },
      take: Math.min(Math.max(limit, 1), 500),
    });
    return rows.map((r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, action: r.action, target: r.target, details: r.details }));
  }
}
