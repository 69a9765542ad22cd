import { Module } from '@nestjs/common';
import { ContextModule } from '@platform/messaging';
import { NOTIFICATIONS } from './context';

/** The notifications bounded context. */
@Module({
  imports: [ContextModule.forContext({ name: NOTIFICATIONS })],
})
export class NotificationsModule {}
