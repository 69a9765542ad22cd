import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, NotEquals } from 'class-validator';
import { MAX_ON_HAND } from '../../domain/stock-adjustment';

export class AdjustStockRequest {
  @ApiProperty({
    example: -3,
    description: 'units to add (delivery) or remove (breakage, count correction); never 0',
    minimum: -MAX_ON_HAND,
    maximum: MAX_ON_HAND,
  })
  @IsInt()
  @NotEquals(0)
  @Min(-MAX_ON_HAND)
  @Max(MAX_ON_HAND)
  delta!: number;
}
