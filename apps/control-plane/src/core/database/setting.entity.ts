import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small instance-wide values (e.g. the generated session-signing secret) shared by all replicas. */
@Entity('settings')
export class SettingEntity {
  @PrimaryColumn('text') key: string;
  @Column('text') value: string;
}
