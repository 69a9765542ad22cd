import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldProblem {
  @ApiProperty({ example: 'mode' })
  field!: string;

  @ApiProperty({ example: ['mode must be one of the following values: normal, decline-all, fail-all'] })
  problems!: string[];
}

/** The shape of every error answer (application/problem+json, RFC 9457), for the OpenAPI document. */
export class ProblemResponse {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Not Found' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiPropertyOptional({ example: 'No payment for order 0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b.' })
  detail?: string;

  @ApiPropertyOptional({ example: 'PAYMENTS.NOT_FOUND' })
  code?: string;

  @ApiPropertyOptional({ example: '/payments/0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldProblem] })
  errors?: FieldProblem[];
}
