import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ANALYTICS_MODES, type AnalyticsMode } from '../../adapters/failure-mode';

export class AnalyticsModeBody {
  @ApiProperty({
    enum: ANALYTICS_MODES,
    example: 'failing',
    description: 'failing: every analytics handler fails (retried), so events back up until normal again',
  })
  @IsIn(ANALYTICS_MODES)
  mode!: AnalyticsMode;
}
