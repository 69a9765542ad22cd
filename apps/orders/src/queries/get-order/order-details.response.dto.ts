import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES } from '../../http/order-status.response.dto';

export class OrderLineResponse {
  @ApiProperty({ example: 'SKU-0001' })
  sku!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  quantity!: number;

  @ApiProperty({ type: 'integer', description: "minor units of the order's currency", example: 1290 })
  unitPriceMinor!: number;
}

export class TimelineEntryResponse {
  @ApiProperty({ format: 'date-time', example: '2026-03-01T10:00:00.123Z' })
  at!: string;

  @ApiProperty({
    example: 'PAYMENT_AUTHORIZED',
    description:
      'PLACED, STOCK_RESERVED, STOCK_RESERVATION_FAILED, PAYMENT_AUTHORIZED, PAYMENT_DECLINED, CONFIRMED, ' +
      'CANCELLED, STOCK_RELEASED, PAYMENT_VOIDED, PAYMENT_CAPTURED, PAYMENT_REFUNDED, SHIPPED, DELIVERED',
  })
  kind!: string;

  @ApiProperty({ example: '' })
  detail!: string;
}

export class OrderSummaryResponse {
  @ApiProperty({ format: 'uuid', example: '0192f5a4-7c1e-7d2a-9a53-3f0e8c1b2d4e' })
  orderId!: string;

  @ApiProperty({ format: 'uuid', example: '0192f5a4-0000-7000-8000-00000000c0de' })
  customerId!: string;

  @ApiProperty({ enum: ORDER_STATUSES, example: 'CONFIRMED' })
  status!: string;

  @ApiProperty({ example: 'EUR' })
  currency!: string;

  @ApiProperty({ type: 'integer', example: 2500 })
  totalMinor!: number;

  @ApiPropertyOptional({
    enum: ['OUT_OF_STOCK', 'PAYMENT_DECLINED', 'TIMEOUT', 'CUSTOMER_REQUEST'],
    description: 'only on a cancelled order',
  })
  cancelReason?: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class OrderDetailsResponse extends OrderSummaryResponse {
  @ApiProperty({ type: [OrderLineResponse] })
  lines!: OrderLineResponse[];

  @ApiProperty({ type: [TimelineEntryResponse], description: 'what happened to the order, oldest first' })
  timeline!: TimelineEntryResponse[];
}
