import { Module } from '@nestjs/common';
import { ContextModule } from '@platform/messaging';
import { ANALYTICS } from './context';

/** The analytics bounded context. */
@Module({
  imports: [ContextModule.forContext({ name: ANALYTICS })],
})
export class AnalyticsModule {}
