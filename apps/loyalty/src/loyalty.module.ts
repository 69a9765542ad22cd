import { Module } from '@nestjs/common';
import { ContextModule } from '@platform/messaging';
import { LOYALTY } from './context';

/** The loyalty bounded context. */
@Module({
  imports: [ContextModule.forContext({ name: LOYALTY })],
})
export class LoyaltyModule {}
