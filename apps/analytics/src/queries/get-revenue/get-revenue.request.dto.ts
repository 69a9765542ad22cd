import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class RevenueQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-11-01', description: 'first UTC day included (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day, YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar day' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-30', description: 'last UTC day included (YYYY-MM-DD)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day, YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar day' })
  to?: string;
}
