import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldProblems {
  @ApiProperty({ example: 'orderId' })
  readonly field!: string;

  @ApiProperty({ type: [String], example: ['orderId must be a UUID'] })
  readonly problems!: string[];
}

/** The application/problem+json body (RFC 9457) every error of this API has, for OpenAPI. */
export class ProblemResponse {
  @ApiProperty({ example: 'about:blank' })
  readonly type!: string;

  @ApiProperty({ example: 'Bad Request' })
  readonly title!: string;

  @ApiProperty({ example: 400 })
  readonly status!: number;

  @ApiPropertyOptional({ example: 'The request body or parameters are invalid.' })
  readonly detail?: string;

  @ApiPropertyOptional({ example: 'REQUEST.INVALID' })
  readonly code?: string;

  @ApiPropertyOptional({ example: '/notifications?orderId=42' })
  readonly instance?: string;

  @ApiPropertyOptional({ type: [FieldProblems] })
  readonly errors?: FieldProblems[];
}
