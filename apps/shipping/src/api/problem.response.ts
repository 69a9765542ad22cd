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

  @ApiProperty({ example: 'Conflict' })
  readonly title!: string;

  @ApiProperty({ example: 409 })
  readonly status!: number;

  @ApiPropertyOptional({ example: 'The shipment has been delivered already.' })
  readonly detail?: string;

  @ApiPropertyOptional({ example: 'SHIPPING.ALREADY_DELIVERED' })
  readonly code?: string;

  @ApiPropertyOptional({ example: '/admin/shipments/0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10/advance' })
  readonly instance?: string;

  @ApiPropertyOptional({ type: [FieldProblems] })
  readonly errors?: FieldProblems[];
}
