import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { SentMessageRepository } from '../../persistence/sent-message.repository';
import { ListNotificationsForOrderQuery } from './list-notifications.query';
import type { SentMessagesResponse } from './list-notifications.response.dto';

@QueryHandler(ListNotificationsForOrderQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsForOrderQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sentMessages: SentMessageRepository,
  ) {}

  async execute({ orderId }: ListNotificationsForOrderQuery): Promise<SentMessagesResponse> {
    const messages = await this.sentMessages.listForOrder(this.dataSource.manager, orderId);
    return { orderId, messages: messages.map((m) => ({ ...m, sentAt: m.sentAt.toISOString() })) };
  }
}
