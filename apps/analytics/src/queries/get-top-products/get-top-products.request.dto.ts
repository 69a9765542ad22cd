import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Max, Min } from 'class-validator';
import { DecimalInteger } from '@platform/http';

export class TopProductsQuery {
  @ApiPropertyOptional({ example: 10, default: 10, minimum: 1, maximum: 100 })
  @IsOptional()
  @DecimalInteger()
  @Min(1)
  @Max(100)
  limit?: number;
}
