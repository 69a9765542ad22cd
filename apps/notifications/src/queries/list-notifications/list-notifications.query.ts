import { Query } from '@nestjs/cqrs';
import type { SentMessagesResponse } from './list-notifications.response.dto';

/** The e-mails sent about an order, oldest first. */
export class ListNotificationsForOrderQuery extends Query<SentMessagesResponse> {
  constructor(readonly orderId: string) {
    super();
  }
}
