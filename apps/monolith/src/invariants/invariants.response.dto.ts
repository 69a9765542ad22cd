import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class InvariantOptionsResponse {
  @ApiProperty({ type: 'integer', example: 35000 })
  settleMs!: number;

  @ApiProperty({ type: 'integer', example: 30000 })
  outboxMaxAgeMs!: number;

  @ApiProperty({ type: 'integer', example: 1 })
  pointsPerUnit!: number;
}

export class InvariantResultResponse {
  @ApiProperty({ example: 'payments' })
  name!: string;

  @ApiProperty({ example: true })
  ok!: boolean;

  @ApiProperty({ example: '12 order(s): at most one authorisation, capture and refund each' })
  detail!: string;

  @ApiProperty({ type: [String], description: 'the first 20 violations, each naming the order, SKU or row' })
  violations!: string[];

  @ApiPropertyOptional({ description: 'set when the check could not run (a table missing, a database down)' })
  error?: string;
}

export class InvariantsResponse {
  @ApiProperty({ type: 'integer', example: 1, description: 'distinct databases read' })
  databases!: number;

  @ApiProperty({ type: InvariantOptionsResponse })
  options!: InvariantOptionsResponse;

  @ApiProperty({ type: [InvariantResultResponse] })
  results!: InvariantResultResponse[];
}
