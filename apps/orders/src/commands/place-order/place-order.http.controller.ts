import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblem, invalidRequest, orProblem, ProblemException } from '@platform/http';
import { CorrelationId } from '@platform/observability';
import { OrderStatusResponse } from '../../http/order-status.response.dto';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from './idempotency-key';
import { OrderAdmission } from './order-admission';
import { PlaceOrderCommand } from './place-order.command';
import { PlaceOrderRequest } from './place-order.request.dto';

interface HeaderSetter {
  setHeader(name: string, value: string): void;
}

/** what a refused client is told to wait before it tries again (s) */
const RETRY_AFTER_SECONDS = 1;

@ApiTags('orders')
@Controller('orders')
export class PlaceOrderHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly admission: OrderAdmission,
  ) {}

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
    description:
      '1 to 200 characters; the same key with the same body answers with the same order. A key is kept for ' +
      'ORDERS_IDEMPOTENCY_KEY_RETENTION_HOURS (24 h) after the order it placed; used again after that, it ' +
      'places a new order.',
    schema: { type: 'string', minLength: 1, maxLength: 200, example: 'checkout-3f2a9c' },
  })
  @ApiAcceptedResponse({
    type: OrderStatusResponse,
    description: 'Accepted PENDING; Location: /orders/{orderId}',
    headers: { Location: { description: 'the order', schema: { type: 'string', example: '/orders/0192f5a4-...' } } },
  })
  @ApiProblem(
    400,
    'Invalid body or header (REQUEST.INVALID, with field paths)',
    invalidRequest('lines[0].quantity', 'quantity must be an integer number'),
  )
  @ApiProblem(
    422,
    'ORDER.UNKNOWN_SKU or ORDER.CURRENCY_MISMATCH (naming the lines), ORDER.TOTAL_TOO_LARGE, ' +
      'or ORDER.IDEMPOTENCY_KEY_REUSED (the key was used for another body)',
    {
      code: 'ORDER.UNKNOWN_SKU',
      detail: 'Some lines name a product that is not for sale.',
      errors: [{ field: 'lines[1].sku', problems: ['unknown sku SKU-9999'] }],
    },
    {
      code: 'ORDER.CURRENCY_MISMATCH',
      detail: 'Some lines are not priced in USD.',
      errors: [{ field: 'lines[0].sku', problems: ['sku SKU-0001 is priced in EUR, not USD'] }],
    },
    { code: 'ORDER.TOTAL_TOO_LARGE', detail: 'The order total is too large to be processed.', errors: [] },
    { code: 'ORDER.IDEMPOTENCY_KEY_REUSED', detail: 'This Idempotency-Key was already used for a different request.' },
  )
  @ApiProblem(
    503,
    {
      description:
        'ORDER.OVERLOADED: ORDERS_MAX_PENDING orders are already in progress; nothing was placed. ' +
        'DATABASE.UNAVAILABLE: the database connection was lost mid-request or could not be opened; the ' +
        'transaction rolled back. Either way, retry after the Retry-After header (seconds), with the same ' +
        'Idempotency-Key.',
      headers: {
        'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer', example: 1 } },
      },
    },
    {
      code: 'ORDER.OVERLOADED',
      detail: '500 orders are in progress, the most this platform takes at once; nothing was placed. Retry later.',
    },
    {
      code: 'DATABASE.UNAVAILABLE',
      detail:
        'The database connection was lost or could not be opened, so the request could not be completed. Retry later.',
    },
  )
  async place(
    @Body() body: PlaceOrderRequest,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: HeaderSetter,
  ): Promise<OrderStatusResponse> {
    const idempotencyKey = idempotencyKeyOf(idempotencyKeyHeader);
    const pending = await this.admission.overloadedAt();
    if (pending !== undefined) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new ProblemException({
        status: 503,
        code: 'ORDER.OVERLOADED',
        detail: `${pending} orders are in progress, the most this platform takes at once; nothing was placed. Retry later.`,
      });
    }
    const command = new PlaceOrderCommand(body, idempotencyKey, correlationId);
    const { orderId, placed } = orProblem(await this.commands.execute(command));
    if (placed) this.admission.placed();
    response.setHeader('Location', `/orders/${orderId}`);
    // a replay gives the answer the first request got, whatever the order became since
    return { orderId, status: 'PENDING' };
  }
}
