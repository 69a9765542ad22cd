import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsOptional, IsString, Length } from 'class-validator';

export class ShippingAddressRequest {
  @ApiProperty({ example: 'Ada Lovelace' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: '12 St James Square' })
  @IsString()
  @Length(1, 200)
  line1!: string;

  @ApiPropertyOptional({ example: 'Flat 3' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  line2?: string;

  @ApiProperty({ example: 'London' })
  @IsString()
  @Length(1, 100)
  city!: string;

  @ApiProperty({ example: 'SW1Y 4JH' })
  @IsString()
  @Length(1, 20)
  postalCode!: string;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'GB' })
  @IsISO31661Alpha2()
  country!: string;
}
