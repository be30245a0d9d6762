import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A team whose hard-limit budget is spent this month: proxies refuse its requests (GET /proxy/limits). */
@Entity('budget_blocked_teams')
export class BlockedTeamEntity {
  @PrimaryColumn('text') team: string;
  @Column('uuid', { name: 'budget_id' }) budgetId: string;
  @Column('text') reason: string;
  @Column('timestamptz', { default: () => 'now()' }) since: Date;
}
