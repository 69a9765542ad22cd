import { ApiProperty } from '@nestjs/swagger';
import type { Shipment, ShipmentStatus } from '../domain/shipment';

const STATUSES: ShipmentStatus[] = ['CREATED', 'DISPATCHED', 'DELIVERED', 'CANCELLED'];

/** A shipment as clients see it. A cancelled one without shipment id was cancelled before it was booked. */
export class ShipmentResponse {
  @ApiProperty({ format: 'uuid', example: '0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10' })
  readonly orderId!: string;

  @ApiProperty({ enum: STATUSES, example: 'DISPATCHED' })
  readonly status!: ShipmentStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '8d1e5c6a-1b2f-5a3c-9d4e-7f6a5b4c3d2e' })
  readonly shipmentId!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'fake-carrier' })
  readonly carrier!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'FC123456789012' })
  readonly trackingNumber!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-25T10:00:00.000Z' })
  readonly createdAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-11-25T10:00:02.000Z' })
  readonly dispatchedAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  readonly deliveredAt!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  readonly cancelledAt!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'the order-cancellation reason code' })
  readonly cancelReason!: string | null;

  static of(shipment: Shipment): ShipmentResponse {
    return {
      orderId: shipment.orderId,
      status: shipment.status,
      shipmentId: shipment.parcel?.shipmentId ?? null,
      carrier: shipment.parcel?.carrier ?? null,
      trackingNumber: shipment.parcel?.trackingNumber ?? null,
      createdAt: shipment.createdAt?.toISOString() ?? null,
      dispatchedAt: shipment.dispatchedAt?.toISOString() ?? null,
      deliveredAt: shipment.deliveredAt?.toISOString() ?? null,
      cancelledAt: shipment.cancelledAt?.toISOString() ?? null,
      cancelReason: shipment.cancelReason,
    };
  }
}
