import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { DEAD_LETTER_STATUSES, type DeadLetterStatus } from '../dead-letter';
import { DecimalInteger } from './platform-http';
import { CONTEXT_NAME_PATTERN, DeadLetterFilterFields } from './dead-letter-filter.dto';

export class CountDeadLettersQuery extends DeadLetterFilterFields {
  @ApiPropertyOptional({ enum: DEAD_LETTER_STATUSES, example: 'pending' })
  @IsOptional()
  @IsIn(DEAD_LETTER_STATUSES)
  status?: DeadLetterStatus;
}

export class ListDeadLettersQuery extends CountDeadLettersQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional()
  @DecimalInteger()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  cursor?: string;
}

export class DeadLetterParams {
  @ApiProperty({ example: 'payments' })
  @Matches(CONTEXT_NAME_PATTERN, { message: 'context must be a context name like payments' })
  context!: string;

  @ApiProperty({ example: '42' })
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'id must be a positive whole number' })
  id!: string;
}

export class RedriveBatchRequest extends DeadLetterFilterFields {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 500,
    default: 100,
    example: 100,
    description: 'at most this many pending letters, oldest first',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class DiscardRequest {
  @ApiProperty({ example: 'test order from the load test; nothing to do', minLength: 3, maxLength: 1000 })
  @IsString()
  @Length(3, 1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class DiscardBatchRequest extends RedriveBatchRequest {
  @ApiProperty({ example: 'load-test orders; nothing to do', minLength: 3, maxLength: 1000 })
  @IsString()
  @Length(3, 1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}
