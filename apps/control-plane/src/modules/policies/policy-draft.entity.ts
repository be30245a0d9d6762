import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('policy_drafts')
export class PolicyDraftEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('integer', { name: 'base_version', nullable: true }) baseVersion: number | null;
  /** Saved as edited, valid or not; validated on publish. */
  @Column('jsonb') content: unknown;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column('text', { name: 'updated_by' }) updatedBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
