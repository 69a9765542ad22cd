import { ApiProperty } from '@nestjs/swagger';

/** Orders that reached each stage; an order counts in every stage it reached. */
export class FunnelResponse {
  @ApiProperty({ type: 'integer', example: 64 })
  placed!: number;

  @ApiProperty({ type: 'integer', example: 59 })
  confirmed!: number;

  @ApiProperty({ type: 'integer', example: 47 })
  dispatched!: number;

  @ApiProperty({ type: 'integer', example: 40 })
  delivered!: number;

  @ApiProperty({ type: 'integer', example: 7, description: 'cancelled before or after confirmation' })
  cancelled!: number;
}
