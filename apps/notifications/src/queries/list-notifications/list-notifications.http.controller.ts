import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProblem, invalidRequest } from '@platform/http';
import { ListNotificationsForOrderQuery } from './list-notifications.query';
import { ListNotificationsQuery } from './list-notifications.request.dto';
import { SentMessagesResponse } from './list-notifications.response.dto';

@ApiTags('notifications')
@Controller('notifications')
export class ListNotificationsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'The e-mails sent about an order' })
  @ApiOkResponse({ type: SentMessagesResponse })
  @ApiProblem(400, 'orderId missing or not a UUID', invalidRequest('orderId', 'orderId must be a UUID'))
  async list(@Query() query: ListNotificationsQuery): Promise<SentMessagesResponse> {
    return this.queries.execute(new ListNotificationsForOrderQuery(query.orderId));
  }
}
