import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Max, Min } from 'class-validator';
import { DecimalInteger } from '@platform/http';

export class InvariantsQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 86_400_000,
    description:
      'PENDING orders younger than this are in progress, and side effects may lag changes this recent ' +
      '(default ORDERS_SAGA_TIMEOUT_MS + 5000); 0 on a quiescent system',
  })
  @IsOptional()
  @DecimalInteger()
  @Min(0)
  @Max(86_400_000)
  settleMs?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 86_400,
    description: 'an unpublished outbox row older than this is stuck (default 30)',
  })
  @IsOptional()
  @DecimalInteger()
  @Min(0)
  @Max(86_400)
  outboxMaxAgeS?: number;
}
