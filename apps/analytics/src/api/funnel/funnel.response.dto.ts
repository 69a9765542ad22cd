import { ApiProperty } from '@nestjs/swagger';

/** Orders that reached each stage; an order counts in every stage it reached. */
export class FunnelResponse {
  @ApiProperty({ example: 64 })
  placed!: number;

  @ApiProperty({ example: 59 })
  confirmed!: number;

  @ApiProperty({ example: 47 })
  dispatched!: number;

  @ApiProperty({ example: 40 })
  delivered!: number;

  @ApiProperty({ example: 7, description: 'cancelled before or after confirmation' })
  cancelled!: number;
}
