import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProblem, ProblemException } from '@platform/http';
import { BAD_ORDER_ID, ORDER_NOT_FOUND, orderIdPipe } from '../../http/order-id.pipe';
import { OrderDetailsResponse } from './order-details.response.dto';
import { GetOrderQuery } from './get-order.query';

@ApiTags('orders')
@Controller('orders')
export class GetOrderHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'An order, where it stands, and what happened to it' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: OrderDetailsResponse })
  @ApiProblem(400, 'The id is not a UUID', BAD_ORDER_ID)
  @ApiProblem(404, 'No such order (ORDER.NOT_FOUND)', ORDER_NOT_FOUND)
  async get(@Param('id', orderIdPipe()) orderId: string): Promise<OrderDetailsResponse> {
    const order = await this.queries.execute(new GetOrderQuery(orderId));
    if (!order) {
      throw new ProblemException({ status: 404, code: 'ORDER.NOT_FOUND', detail: `There is no order ${orderId}.` });
    }
    return order;
  }
}
