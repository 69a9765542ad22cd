import { Module } from '@nestjs/common';
import { ConsumerGroups, ConsumerPipeline, DeadLetterAdmin } from '@platform/messaging';
import { DeadLettersHttpController } from './dead-letters.http.controller';

/** The dead-letter admin API over the consumer groups of this process (PlatformMessagingModule is global). */
@Module({
  providers: [
    {
      provide: DeadLetterAdmin,
      useFactory: (groups: ConsumerGroups, pipeline: ConsumerPipeline) => new DeadLetterAdmin(groups, pipeline),
      inject: [ConsumerGroups, ConsumerPipeline],
    },
  ],
  controllers: [DeadLettersHttpController],
})
export class DeadLettersAdminModule {}
