import { Controller, Logger } from '@nestjs/common';
import { Clock } from '@platform/config';
import { OrderCancelledV1Contract, type EventEnvelope, type OrderCancelledV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { SHIPPING } from '../context';
import { decideCancellation } from '../domain/decide-cancellation';
import { tombstone } from '../domain/shipment';
import { ShipmentRepository } from '../persistence/shipment.repository';
import { assertOrderId } from './order-id.guard';

/**
 * A cancelled order must not ship. A shipment still CREATED is cancelled (the carrier's clock
 * never dispatches it); with no shipment yet, a tombstone keeps a late confirmation (another
 * topic, so possibly delivered after this) from creating one. Once dispatched it is too late.
 */
@Controller()
export class CancelShipmentWhenOrderCancelled {
  private readonly logger = new Logger(CancelShipmentWhenOrderCancelled.name);

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly clock: Clock,
  ) {}

  @OnEvent(SHIPPING, OrderCancelledV1Contract)
  async handle(cancelled: EventEnvelope<OrderCancelledV1>, ctx: MessageContext): Promise<void> {
    const { orderId, reason } = cancelled.payload;
    assertOrderId(orderId);
    const now = this.clock.now();
    const decision = decideCancellation(await this.shipments.lock(ctx.tx.manager, orderId), reason, now);
    switch (decision.kind) {
      case 'record-tombstone':
        // a shipment committed since our read: retry, and the next attempt cancels it
        if (!(await this.shipments.insert(ctx.tx.manager, tombstone(orderId, reason, cancelled.correlationId, now))))
          throw new Error(`a shipment row for order ${orderId} appeared concurrently`);
        return;
      case 'cancel':
        if (!(await this.shipments.transition(ctx.tx.manager, 'CREATED', decision.shipment)))
          throw new Error(`the shipment of order ${orderId} moved on concurrently`);
        return;
      case 'too-late':
        return this.logger.warn(`order ${orderId} cancelled (${reason}) but its shipment is ${decision.status}`);
      case 'already-cancelled':
        return;
      default:
        return assertNever(decision);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected decision ${JSON.stringify(value)}`);
}
