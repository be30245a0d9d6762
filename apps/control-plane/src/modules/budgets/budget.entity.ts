import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A monthly budget for one team, or the overall budget (team null). */
@Entity('budgets')
export class BudgetEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { nullable: true }) team: string | null;
  /** NUMERIC comes back as an exact decimal string. */
  @Column('numeric', { name: 'monthly_usd', precision: 24, scale: 12 }) monthlyUsd: string;
  @Column('int', { array: true }) thresholds: number[];
  @Column('boolean', { name: 'hard_limit', default: false }) hardLimit: boolean;
  @Column('text', { name: 'webhook_url', nullable: true }) webhookUrl: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
