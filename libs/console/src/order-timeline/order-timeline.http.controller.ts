import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiProblem, invalidRequest, uuidParam } from '@platform/http';
import { OrderTimelineQuery } from './order-timeline.request.dto';
import { OrderTimelineResponse } from './order-timeline.response.dto';
import { ORDER_TIMELINE_ROUTE, OrderTimelines } from './order-timelines';

/**
 * The console's order page: where each event of one order came from, which groups handled it and
 * how long each hop took. Reads outboxes and inboxes, which no context's own API shows.
 */
@ApiTags('admin: console')
@AdminOnly()
@Controller(ORDER_TIMELINE_ROUTE)
export class OrderTimelineHttpController {
  constructor(private readonly timelines: OrderTimelines) {}

  @Get(':orderId/timeline')
  @ApiOperation({
    summary: "An order's events across every context: who produced each, which groups handled it, each hop's time",
    description:
      'Read from the outboxes (events keyed by the order, kept OUTBOX_RETENTION_HOURS) and the inboxes of this ' +
      'process and of its CONSOLE_PEERS; a peer that does not answer is listed in unreachablePeers.',
  })
  @ApiParam({ name: 'orderId', format: 'uuid' })
  @ApiOkResponse({ type: OrderTimelineResponse })
  @ApiProblem(
    400,
    'orderId is not a UUID, or eventIds is malformed',
    invalidRequest('orderId', 'orderId must be a UUID'),
  )
  @ApiProblem(404, 'No event of the order is kept (CONSOLE.ORDER_NOT_FOUND)', {
    code: 'CONSOLE.ORDER_NOT_FOUND',
    detail: 'No event of order 0193f1d2-7c4a-7b1e-9f00-5d2c8a4e6b10 is kept: there is no such order, or ...',
  })
  timeline(
    @Param('orderId', uuidParam('orderId')) orderId: string,
    @Query() query: OrderTimelineQuery,
  ): Promise<OrderTimelineResponse> {
    if (query.scope === 'local') return this.timelines.localPart(orderId, query.eventIds?.split(',') ?? []);
    return this.timelines.everywhere(orderId);
  }
}
