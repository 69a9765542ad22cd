import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldProblems {
  @ApiProperty({ example: 'customerId' })
  field!: string;

  @ApiProperty({ example: ['customerId must be 1-128 characters of A-Z a-z 0-9 . _ : @ -'] })
  problems!: string[];
}

/** The shape of every error (application/problem+json, RFC 9457), for the OpenAPI document. */
export class ProblemResponse {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiPropertyOptional({ example: 'REQUEST.INVALID' })
  code?: string;

  @ApiPropertyOptional({ example: 'The request body or parameters are invalid.' })
  detail?: string;

  @ApiPropertyOptional({ example: '/loyalty/not%20valid' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldProblems] })
  errors?: FieldProblems[];
}
