import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('api_keys')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') team: string;
  @Column('text', { name: 'default_bucket', nullable: true }) defaultBucket: string | null;
  /** Hex sha256 of the key; the key itself is shown once and never stored. */
  @Column('char', { name: 'key_hash', length: 64, unique: true }) keyHash: string;
  @Column('text') prefix: string;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
}
