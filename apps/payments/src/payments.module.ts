import { Module } from '@nestjs/common';
import { ContextModule } from '@platform/messaging';
import { PAYMENTS } from './context';

/** The payments bounded context. */
@Module({
  imports: [ContextModule.forContext({ name: PAYMENTS })],
})
export class PaymentsModule {}
