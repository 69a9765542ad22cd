import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblems {
  @ApiProperty({ example: 'lines[0].quantity' })
  field!: string;

  @ApiProperty({ example: ['quantity must not be less than 1'] })
  problems!: string[];
}

/** The shape of every error (application/problem+json, RFC 9457), for the OpenAPI document. */
export class ProblemResponse {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status!: number;

  @ApiPropertyOptional({ example: 'REQUEST.INVALID' })
  code?: string;

  @ApiPropertyOptional({ example: 'The request body or parameters are invalid.' })
  detail?: string;

  @ApiPropertyOptional({ example: '/orders' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldProblems] })
  errors?: FieldProblems[];
}
