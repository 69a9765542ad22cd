import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import type { DeadLetterFilter } from '../dead-letter';

export const CONTEXT_NAME_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

/** The filters shared by listing, counting and the batches; every one narrows, none means all. */
export class DeadLetterFilterFields {
  @ApiPropertyOptional({ example: 'payments', description: 'the consuming context (domain) that holds the letters' })
  @IsOptional()
  @Matches(CONTEXT_NAME_PATTERN, { message: 'context must be a context name like payments' })
  context?: string;

  @ApiPropertyOptional({ example: 'payments', description: 'consumer group' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  group?: string;

  @ApiPropertyOptional({ example: 'payments.authorize-payment.v1', description: 'source topic' })
  @IsOptional()
  @IsString()
  @Length(1, 249)
  topic?: string;

  @ApiPropertyOptional({ example: 'EVENT.UNDECODABLE' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  errorCode?: string;

  @ApiPropertyOptional({
    example: '0192f5a4-7c1e-7d2a-9a53-3f0e8c1b2d4e',
    description: "the record's key, exactly: the aggregate id (an order id for the order flow)",
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  key?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-11-25T00:00:00Z',
    description: 'last failure at or after',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-26T00:00:00Z', description: 'last failure before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export function toFilter(fields: DeadLetterFilterFields): Omit<DeadLetterFilter, 'status'> {
  return {
    context: fields.context,
    group: fields.group,
    topic: fields.topic,
    errorCode: fields.errorCode,
    key: fields.key,
    from: fields.from === undefined ? undefined : new Date(fields.from),
    to: fields.to === undefined ? undefined : new Date(fields.to),
  };
}
