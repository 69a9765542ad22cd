import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { DecimalInteger } from '@platform/http';

export class ListOrdersRequest {
  @ApiProperty({ format: 'uuid', example: '0192f5a4-0000-7000-8000-00000000c0de' })
  @IsUUID()
  customerId!: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, example: 20 })
  @IsOptional()
  @DecimalInteger()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page', example: 'WyIyMDI2LTAzLTAxVDEw...' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cursor?: string;
}
