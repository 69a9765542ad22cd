import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_ON_HAND } from '../../domain/stock-adjustment';
import { SKU_MAX_LENGTH, SKU_PATTERN } from '../../http/sku';

export class CreateProductRequest {
  @ApiProperty({ example: 'SKU-0100', pattern: SKU_PATTERN.source, maxLength: SKU_MAX_LENGTH })
  @IsString()
  @MaxLength(SKU_MAX_LENGTH)
  @Matches(SKU_PATTERN, { message: 'sku must be upper-case letters and digits in dash-separated groups' })
  sku!: string;

  @ApiProperty({ example: 'Moka pot, 6 cups', minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 3490, minimum: 1, description: 'price in minor units (cents)' })
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  priceMinor!: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217, three upper-case letters' })
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be three upper-case letters (ISO 4217)' })
  currency!: string;

  @ApiProperty({ example: 100, minimum: 0, maximum: MAX_ON_HAND })
  @IsInt()
  @Min(0)
  @Max(MAX_ON_HAND)
  initialStock!: number;
}
