import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { RolloutState, RolloutThresholds } from '@switchyard/contracts';

@Entity('rollouts')
export class RolloutEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('integer') version: number;
  @Column('integer', { name: 'baseline_version' }) baselineVersion: number;
  @Column('text') state: RolloutState;
  @Column('double precision', { name: 'canary_percent' }) canaryPercent: number;
  @Column('text', { name: 'split_by', default: 'proxy' }) splitBy: 'proxy';
  @Column('jsonb') thresholds: RolloutThresholds;
  @Column('boolean', { name: 'auto_abort' }) autoAbort: boolean;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt: Date;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt: Date | null;
  @Column('text', { name: 'ended_by', nullable: true }) endedBy: string | null;
  @Column('text', { name: 'end_reason', nullable: true }) endReason: string | null;
  @Column('integer', { name: 'restored_version', nullable: true }) restoredVersion: number | null;
}
