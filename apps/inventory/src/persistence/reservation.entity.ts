import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReservationStatus, RefusalReason } from '../domain/reservation';
import type { ShortLine } from '../domain/stock-line';

@Entity({ name: 'reservation' })
export class ReservationEntity {
  @PrimaryColumn({ name: 'order_id', type: 'text' })
  orderId!: string;

  @Column({ type: 'text' })
  status!: ReservationStatus;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason!: RefusalReason | null;

  @Column({ name: 'short_lines', type: 'jsonb', nullable: true })
  shortLines!: ShortLine[] | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

@Entity({ name: 'reservation_line' })
export class ReservationLineEntity {
  @PrimaryColumn({ name: 'order_id', type: 'text' })
  orderId!: string;

  @PrimaryColumn({ type: 'text' })
  sku!: string;

  @Column({ type: 'integer' })
  quantity!: number;
}
