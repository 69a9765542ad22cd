import { Controller, Logger } from '@nestjs/common';
import { Clock } from '@platform/config';
import {
  OrderConfirmedV1Contract,
  ShipmentCreatedV1Contract,
  type EventEnvelope,
  type OrderConfirmedV1,
} from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { OutboxWriter, event } from '@platform/outbox';
import { CarrierPort } from '../adapters/carrier.port';
import { SHIPPING } from '../context';
import { decideCreation } from '../domain/decide-creation';
import { createdShipment } from '../domain/shipment';
import { CarrierCallRepository } from '../persistence/carrier-call.repository';
import { ShipmentRepository } from '../persistence/shipment.repository';
import { assertOrderId } from './order-id.guard';

/**
 * A confirmed order ships: book it with the carrier and announce the shipment. One per order:
 * the shipment row (keyed by order id) is read under lock first, so a redelivered confirmation,
 * even with a new event id, finds it and calls nobody; a tombstone left by an earlier
 * cancellation stops it too. A refused carrier call throws and the pipeline retries.
 */
@Controller()
export class CreateShipmentWhenOrderConfirmed {
  private readonly logger = new Logger(CreateShipmentWhenOrderConfirmed.name);

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly carrier: CarrierPort,
    private readonly shipments: ShipmentRepository,
    private readonly carrierCalls: CarrierCallRepository,
    private readonly clock: Clock,
  ) {}

  @OnEvent(SHIPPING, OrderConfirmedV1Contract)
  async handle(confirmed: EventEnvelope<OrderConfirmedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, shippingAddress, lines } = confirmed.payload;
    assertOrderId(orderId);
    const decision = decideCreation(await this.shipments.lock(ctx.tx.manager, orderId));
    if (decision.kind === 'skip') return this.logger.log(`order ${orderId}: no shipment (${decision.reason})`);

    const parcel = await this.carrier.createShipment(orderId, shippingAddress, lines);
    const now = this.clock.now();
    // a cancellation's tombstone committed since our read: retry, and the next attempt sees it
    if (!(await this.shipments.insert(ctx.tx.manager, createdShipment(orderId, parcel, confirmed.correlationId, now))))
      throw new Error(`a shipment row for order ${orderId} appeared concurrently`);
    await this.carrierCalls.record(ctx.tx.manager, {
      idempotencyKey: orderId,
      orderId,
      accepted: parcel,
      deliveryAttempt: ctx.delivery.attempt,
      calledAt: now,
    });
    await this.outbox.append(ctx.tx, ctx.causedMetadata(), [event(ShipmentCreatedV1Contract, { orderId, ...parcel })]);
  }
}
