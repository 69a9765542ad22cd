import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldProblems {
  @ApiProperty({ example: 'limit' })
  field!: string;

  @ApiProperty({ example: ['limit must not be greater than 100'] })
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

  @ApiPropertyOptional({ example: '/analytics/top-products?limit=500' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldProblems] })
  errors?: FieldProblems[];
}
