import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CorrelationId } from '@platform/observability';
import { OrderStatusResponse } from '../order-status.response';
import { ApiProblem } from '../api-problem.decorator';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from './idempotency-key';
import { PlaceOrderHandler } from './place-order.handler';
import { PlaceOrderRequest } from './place-order.request.dto';

interface LocationSetter {
  setHeader(name: string, value: string): void;
}

@ApiTags('orders')
@Controller('orders')
export class PlaceOrderHttpController {
  constructor(private readonly placeOrder: PlaceOrderHandler) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Place an order',
    description:
      'Accepts the order PENDING and answers at once; stock and payment are then handled asynchronously. ' +
      'Prices come from the catalogue. With an Idempotency-Key, a retry of the same request answers with the ' +
      'same order and places nothing new.',
  })
  @ApiHeader({
    name: IDEMPOTENCY_KEY_HEADER,
    required: false,
    description: '1 to 200 characters; the same key with the same body answers with the same order',
    example: 'checkout-3f2a9c',
  })
  @ApiAcceptedResponse({
    type: OrderStatusResponse,
    description: 'Accepted PENDING; Location: /orders/{orderId}',
    headers: { Location: { description: 'the order', schema: { type: 'string', example: '/orders/0192f5a4-...' } } },
  })
  @ApiProblem(400, 'Invalid body or header (REQUEST.INVALID, with field paths)')
  @ApiProblem(
    422,
    'ORDER.UNKNOWN_SKU or ORDER.CURRENCY_MISMATCH (naming the lines), ORDER.TOTAL_TOO_LARGE, ' +
      'or ORDER.IDEMPOTENCY_KEY_REUSED (the key was used for another body)',
  )
  async place(
    @Body() body: PlaceOrderRequest,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: LocationSetter,
  ): Promise<OrderStatusResponse> {
    const idempotencyKey = idempotencyKeyOf(idempotencyKeyHeader);
    const { orderId } = await this.placeOrder.execute({ request: body, idempotencyKey, correlationId });
    response.setHeader('Location', `/orders/${orderId}`);
    // a replay gives the answer the first request got, whatever the order became since
    return { orderId, status: 'PENDING' };
  }
}
