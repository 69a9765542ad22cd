import { ApiProperty } from '@nestjs/swagger';
import { OrderSummaryResponse } from '../get-order/order-details.response.dto';

export class ListOrdersResponse {
  @ApiProperty({ type: [OrderSummaryResponse], description: 'newest first' })
  items!: OrderSummaryResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'pass as cursor for the next page; null on the last page' })
  nextCursor!: string | null;
}
