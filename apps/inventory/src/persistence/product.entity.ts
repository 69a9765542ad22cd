import { Column, Entity, PrimaryColumn, type ValueTransformer } from 'typeorm';

/** pg returns bigint as a string; prices stay far below 2^53, and the API validates that */
const bigintAsNumber: ValueTransformer = {
  to: (value: number | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};

@Entity({ name: 'product' })
export class ProductEntity {
  @PrimaryColumn({ type: 'text' })
  sku!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'price_minor', type: 'bigint', transformer: bigintAsNumber })
  priceMinor!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ name: 'on_hand', type: 'integer' })
  onHand!: number;

  @Column({ type: 'integer' })
  reserved!: number;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
