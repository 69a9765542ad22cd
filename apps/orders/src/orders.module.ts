import { Module } from '@nestjs/common';
import { ContextModule } from '@platform/messaging';
import { ORDERS } from './context';

/** The orders bounded context. */
@Module({
  imports: [ContextModule.forContext({ name: ORDERS })],
})
export class OrdersModule {}
