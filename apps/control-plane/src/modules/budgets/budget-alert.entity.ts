import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BudgetAlert } from '@switchyard/contracts';

/** A threshold crossed in a month: at most one per budget × month × threshold. */
@Entity('budget_alerts')
export class BudgetAlertEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'budget_id' }) budgetId: string;
  @Column('text', { nullable: true }) team: string | null;
  /** First day of the month. */
  @Column('date') month: string;
  @Column('int') threshold: number;
  @Column('numeric', { name: 'spent_usd', precision: 24, scale: 12 }) spentUsd: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('text', { name: 'webhook_status' }) webhookStatus: BudgetAlert['webhookStatus'];
  @Column('int', { name: 'webhook_attempts', default: 0 }) webhookAttempts: number;
  @Column('text', { name: 'webhook_error', nullable: true }) webhookError: string | null;
}
