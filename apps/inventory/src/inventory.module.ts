import { Module } from '@nestjs/common';
import { ContextModule } from '@platform/messaging';
import { INVENTORY } from './context';

/** The inventory bounded context. */
@Module({
  imports: [ContextModule.forContext({ name: INVENTORY })],
})
export class InventoryModule {}
