import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { SentMessageRepository } from '../../persistence/sent-message.repository';
import { ProblemResponse } from '@platform/http';
import { ListNotificationsQuery } from './list-notifications.query.dto';
import { SentMessagesResponse } from './sent-messages.response';

@ApiTags('notifications')
@Controller('notifications')
export class ListNotificationsHttpController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sentMessages: SentMessageRepository,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The e-mails sent about an order' })
  @ApiOkResponse({ type: SentMessagesResponse })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'orderId missing or not a UUID (problem+json)' })
  async list(@Query() query: ListNotificationsQuery): Promise<SentMessagesResponse> {
    const messages = await this.sentMessages.listForOrder(this.dataSource.manager, query.orderId);
    return {
      orderId: query.orderId,
      messages: messages.map((m) => ({ ...m, sentAt: m.sentAt.toISOString() })),
    };
  }
}
