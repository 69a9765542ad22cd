import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Max, Min } from 'class-validator';
import { DecimalInteger } from '@platform/http';

export const MAX_PAGE_SIZE = 200;

export class ListProductsQuery {
  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @DecimalInteger()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 50;

  @ApiPropertyOptional({ example: 0, minimum: 0, default: 0 })
  @IsOptional()
  @DecimalInteger()
  @Min(0)
  offset: number = 0;
}
