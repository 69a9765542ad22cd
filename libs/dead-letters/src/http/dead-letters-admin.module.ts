import { Module } from '@nestjs/common';
import { DeadLetterAdmin } from '../dead-letter-admin';
import { DeadLetterConsumers } from '../dead-letter-consumers';
import { DeadLettersHttpController } from './dead-letters.http.controller';

/**
 * The dead-letter admin API over the consumer groups of this process: DeadLetterConsumers comes
 * from PlatformMessagingModule, which is global.
 */
@Module({
  providers: [
    {
      provide: DeadLetterAdmin,
      useFactory: (consumers: DeadLetterConsumers) => new DeadLetterAdmin(consumers),
      inject: [DeadLetterConsumers],
    },
  ],
  controllers: [DeadLettersHttpController],
})
export class DeadLettersAdminModule {}
