import { Module } from '@nestjs/common';
import { ContextModule } from '@platform/messaging';
import { SHIPPING } from './context';

/** The shipping bounded context. */
@Module({
  imports: [ContextModule.forContext({ name: SHIPPING })],
})
export class ShippingModule {}
