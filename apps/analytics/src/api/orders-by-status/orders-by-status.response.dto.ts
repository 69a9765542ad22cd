import { ApiProperty } from '@nestjs/swagger';

/** How many orders are in each status now (every status present, 0 when none). */
export class OrdersByStatusResponse {
  @ApiProperty({ example: 3 })
  PLACED!: number;

  @ApiProperty({ example: 12 })
  CONFIRMED!: number;

  @ApiProperty({ example: 7 })
  DISPATCHED!: number;

  @ApiProperty({ example: 40 })
  DELIVERED!: number;

  @ApiProperty({ example: 2 })
  CANCELLED!: number;
}
