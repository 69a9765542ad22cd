import { Command } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import type { PlaceOrderRequest } from './place-order.request.dto';

/** `placed` is false for a replay, which answers with the order an earlier request placed. */
export interface PlaceOrderResult {
  readonly orderId: string;
  readonly placed: boolean;
}

/** Place an order PENDING and start its saga, at most once per idempotency key. */
export class PlaceOrderCommand extends Command<Refusable<PlaceOrderResult>> {
  constructor(
    readonly request: PlaceOrderRequest,
    readonly idempotencyKey: string | undefined,
    readonly correlationId: string,
  ) {
    super();
  }
}
