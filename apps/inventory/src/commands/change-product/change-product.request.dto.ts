import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

/** Any of the three; at least one. Stock changes go through stock adjustments instead. */
export class ChangeProductRequest {
  @ApiPropertyOptional({ example: 'Espresso cup, stoneware, matte', minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 1390, minimum: 1, description: 'price in minor units (cents)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  priceMinor?: number;

  @ApiPropertyOptional({ example: false, description: 'false takes the product off sale' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
