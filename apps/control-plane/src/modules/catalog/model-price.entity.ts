import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ModelEntity } from './model.entity';

/** One effective-dated price. Rows are only ever added: past requests keep the price they had. */
@Entity('model_prices')
export class ModelPriceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('text', { name: 'model_id' }) modelId: string;
  @ManyToOne(() => ModelEntity, (m) => m.prices)
  @JoinColumn({ name: 'model_id' })
  model: Relation<ModelEntity>;
  @Column('timestamptz', { name: 'effective_from' }) effectiveFrom: Date;
  /** NUMERIC columns come back as exact decimal strings. */
  @Column('numeric', { name: 'input_per_million', precision: 18, scale: 6 }) inputPerMillion: string;
  @Column('numeric', { name: 'output_per_million', precision: 18, scale: 6 }) outputPerMillion: string;
  @Column('numeric', { name: 'cached_input_per_million', precision: 18, scale: 6 }) cachedInputPerMillion: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('text', { name: 'created_by' }) createdBy: string;
}
