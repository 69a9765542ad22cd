import { ApiProperty } from '@nestjs/swagger';

/** How many orders are in each status now (every status present, 0 when none). */
export class OrdersByStatusResponse {
  @ApiProperty({ type: 'integer', example: 3 })
  PLACED!: number;

  @ApiProperty({ type: 'integer', example: 12 })
  CONFIRMED!: number;

  @ApiProperty({ type: 'integer', example: 7 })
  DISPATCHED!: number;

  @ApiProperty({ type: 'integer', example: 40 })
  DELIVERED!: number;

  @ApiProperty({ type: 'integer', example: 2 })
  CANCELLED!: number;
}
