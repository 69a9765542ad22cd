import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemResponse {
  @ApiProperty({ example: 'lines[0].sku' })
  field!: string;

  @ApiProperty({ type: [String], example: ['unknown sku NOPE-1'] })
  problems!: string[];
}

/** The RFC 9457 problem every error of this API answers with (application/problem+json); for OpenAPI. */
export class ProblemResponse {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Unprocessable Entity' })
  title!: string;

  @ApiProperty({ example: 422 })
  status!: number;

  @ApiPropertyOptional({ example: 'Some lines name a product that is not for sale.' })
  detail?: string;

  @ApiPropertyOptional({ example: '/orders' })
  instance?: string;

  @ApiPropertyOptional({ description: 'stable error code', example: 'ORDER.UNKNOWN_SKU' })
  code?: string;

  @ApiPropertyOptional({ type: [FieldProblemResponse] })
  errors?: FieldProblemResponse[];
}
