import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiProblem, orProblem } from '@platform/http';
import { CorrelationId } from '@platform/observability';
import { BAD_ORDER_ID, ORDER_NOT_FOUND, orderIdPipe } from '../../http/order-id.pipe';
import { OrderStatusResponse } from '../../http/order-status.response.dto';
import { CancelOrderCommand } from './cancel-order.command';

@ApiTags('orders')
@Controller('orders')
export class CancelOrderHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/cancel')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Cancel an order',
    description:
      'Allowed until the order ships: releases its stock and voids (or, once captured, refunds) its payment. ' +
      'Cancelling a cancelled order answers the same again.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ type: OrderStatusResponse, description: 'Cancelled (status CANCELLED)' })
  @ApiProblem(400, 'The id is not a UUID', BAD_ORDER_ID)
  @ApiProblem(404, 'No such order (ORDER.NOT_FOUND)', ORDER_NOT_FOUND)
  @ApiProblem(409, 'Already shipped or delivered (ORDER.ALREADY_SHIPPED)', {
    code: 'ORDER.ALREADY_SHIPPED',
    detail: 'The order is SHIPPED and cannot be cancelled.',
  })
  async cancel(
    @Param('id', orderIdPipe()) orderId: string,
    @CorrelationId() correlationId: string,
  ): Promise<OrderStatusResponse> {
    const state = orProblem(await this.commands.execute(new CancelOrderCommand(orderId, correlationId)));
    return { orderId, status: state.status };
  }
}
