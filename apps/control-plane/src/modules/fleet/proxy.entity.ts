import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('proxies')
export class ProxyEntity {
  @PrimaryColumn('text', { name: 'proxy_id' }) proxyId: string;
  @Column('text') name: string;
  @Column('jsonb', { default: {} }) labels: Record<string, string>;
  @Column('integer', { name: 'applied_version', nullable: true }) appliedVersion: number | null;
  @Column('integer', { name: 'rejected_version', nullable: true }) rejectedVersion: number | null;
  @Column('text', { name: 'reject_reason', nullable: true }) rejectReason: string | null;
  @Column('integer', { name: 'spooled_events', default: 0 }) spooledEvents: number;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { name: 'first_seen_at', default: () => 'now()' }) firstSeenAt: Date;
  @Column('timestamptz', { name: 'last_heartbeat_at', default: () => 'now()' }) lastHeartbeatAt: Date;
}
