import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldProblems {
  @ApiProperty({ example: 'priceMinor' })
  field!: string;

  @ApiProperty({ example: ['priceMinor must not be less than 1'] })
  problems!: string[];
}

/** The shape of every error (application/problem+json, RFC 9457), for the OpenAPI document. */
export class ProblemResponse {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Unprocessable Entity' })
  title!: string;

  @ApiProperty({ example: 422 })
  status!: number;

  @ApiPropertyOptional({ example: 'INVENTORY.STOCK_BELOW_RESERVED' })
  code?: string;

  @ApiPropertyOptional({ example: 'SKU-0020: removing 5 of 5 on hand would leave 0, below the 2 reserved' })
  detail?: string;

  @ApiPropertyOptional({ example: '/admin/products/SKU-0020/stock-adjustments' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldProblems] })
  errors?: FieldProblems[];
}
