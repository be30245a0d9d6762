import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('providers')
export class ProviderEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text', { unique: true }) name: string;
  @Column('text', { name: 'base_url' }) baseUrl: string;
  /** Name of the environment variable holding the key on proxy hosts; never the key. */
  @Column('text', { name: 'api_key_env', nullable: true }) apiKeyEnv: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
