import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PolicySnapshot } from '@switchyard/contracts';

/** An immutable published version: never updated, never deleted. */
@Entity('policy_versions')
export class PolicyVersionEntity {
  @PrimaryColumn('integer') version: number;
  @Column('char', { length: 64 }) hash: string;
  @Column('jsonb') snapshot: PolicySnapshot;
  @Column('text') author: string;
  @Column('text') message: string;
  @Column('timestamptz', { name: 'published_at', default: () => 'now()' }) publishedAt: Date;
  @Column('integer', { name: 'rolled_back_from', nullable: true }) rolledBackFrom: number | null;
}
