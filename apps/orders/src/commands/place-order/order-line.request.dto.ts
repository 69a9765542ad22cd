import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min } from 'class-validator';

export class OrderLineRequest {
  @ApiProperty({ description: 'product reference from the catalogue', example: 'SKU-0001' })
  @IsString()
  @Length(1, 64)
  sku!: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 2 })
  @IsInt()
  @Min(1)
  @Max(1000)
  quantity!: number;
}
