import { Query } from '@nestjs/cqrs';
import type { SentMessagesResponse } from './sent-messages.response';

/** The e-mails sent about an order, oldest first. */
export class ListNotificationsForOrderQuery extends Query<SentMessagesResponse> {
  constructor(readonly orderId: string) {
    super();
  }
}
