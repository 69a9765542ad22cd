import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RebuildStatus } from '../../rebuild/online-rebuild';

export class RebuildStatusResponse implements RebuildStatus {
  @ApiProperty({ enum: ['idle', 'running', 'succeeded', 'failed'], example: 'running' })
  state!: RebuildStatus['state'];

  @ApiPropertyOptional({ format: 'date-time' })
  startedAt?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  finishedAt?: string;

  @ApiProperty({ type: 'integer', description: 'records replayed so far', example: 1200 })
  done!: number;

  @ApiProperty({
    type: 'integer',
    description: 'records retained in the replayed topics when it started',
    example: 4800,
  })
  total!: number;

  @ApiPropertyOptional({ type: 'integer', description: 'events applied to the read models' })
  projected?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'records the projection refuses for good (undecodable)' })
  skipped?: number;

  @ApiPropertyOptional({ type: 'integer' })
  partitions?: number;

  @ApiProperty({ type: 'integer', example: 840 })
  elapsedMs!: number;

  @ApiPropertyOptional({ description: 'why it failed' })
  error?: string;
}
