import { ApiProperty } from '@nestjs/swagger';

const STATUSES = ['PENDING', 'CONFIRMED', 'CANCELLED', 'SHIPPED', 'DELIVERED'];

/** The answer to placing or cancelling an order (202): where the order stands now. */
export class OrderStatusResponse {
  @ApiProperty({ format: 'uuid', example: '0192f5a4-7c1e-7d2a-9a53-3f0e8c1b2d4e' })
  orderId!: string;

  @ApiProperty({ enum: STATUSES, example: 'PENDING' })
  status!: string;
}

export const ORDER_STATUSES = STATUSES;
