import { ApiProperty } from '@nestjs/swagger';

export class LivenessResponse {
  @ApiProperty({ enum: ['up'], example: 'up' })
  status!: 'up';
}

/** The answer of /health/ready, 200 and 503 alike: the verdict and each check's result. */
export class ReadinessResponse {
  @ApiProperty({ enum: ['up', 'down'], example: 'up', description: 'up when every check is up' })
  status!: 'up' | 'down';

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'each registered check: `up`, or `down: <why>` (a check not answering within 2 s is down)',
    example: { 'database:orders': 'up', 'relay:orders': 'up', 'database:messaging': 'up' },
  })
  checks!: Record<string, string>;
}
