import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, UpdateDateColumn, type Relation } from 'typeorm';
import type { ModelKind } from '@switchyard/contracts';
import { ProviderEntity } from './provider.entity';
import { ModelPriceEntity } from './model-price.entity';

@Entity('models')
export class ModelEntity {
  @PrimaryColumn('text') id: string;
  @Column('uuid', { name: 'provider_id' }) providerId: string;
  @ManyToOne(() => ProviderEntity, { eager: true })
  @JoinColumn({ name: 'provider_id' })
  provider: Relation<ProviderEntity>;
  @Column('text', { name: 'upstream_model' }) upstreamModel: string;
  @Column('text') kind: ModelKind;
  @Column('integer', { name: 'context_window' }) contextWindow: number;
  @Column('boolean', { default: true }) enabled: boolean;
  @OneToMany(() => ModelPriceEntity, (p) => p.model)
  prices: Relation<ModelPriceEntity[]>;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
