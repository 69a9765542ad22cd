import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, type Refusable } from '@platform/domain';
import { ShipmentCreatedV1Contract } from '@platform/events';
import { activeTraceparent } from '@platform/observability';
import { OutboxWriter, event } from '@platform/outbox';
import { CarrierPort } from '../../adapters/carrier.port';
import { decideCreation } from '../../domain/decide-creation';
import { createdShipment } from '../../domain/shipment';
import { invalidOrderId } from '../../domain/shipping-refusals';
import { CarrierCallRepository } from '../../persistence/carrier-call.repository';
import { ShipmentRepository } from '../../persistence/shipment.repository';
import { CreateShipmentCommand } from './create-shipment.command';

/**
 * One shipment per order: the shipment row (keyed by order id) is read under lock first, so a
 * redelivered confirmation, even with a new event id, finds it and calls nobody; a tombstone left
 * by an earlier cancellation stops it too. A refused carrier call throws and the pipeline retries.
 */
@CommandHandler(CreateShipmentCommand)
export class CreateShipmentHandler implements ICommandHandler<CreateShipmentCommand> {
  private readonly logger = new Logger(CreateShipmentHandler.name);

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly carrier: CarrierPort,
    private readonly shipments: ShipmentRepository,
    private readonly carrierCalls: CarrierCallRepository,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateShipmentCommand): Promise<Refusable<void>> {
    const { orderId, shippingAddress, lines, deliveryAttempt, metadata, tx } = command;
    const refused = invalidOrderId(orderId);
    if (refused) return refused;
    const decision = decideCreation(await this.shipments.lock(tx.manager, orderId));
    if (decision.kind === 'skip') return this.logger.log(`order ${orderId}: no shipment (${decision.reason})`);

    const parcel = await this.carrier.createShipment(orderId, shippingAddress, lines);
    const now = this.clock.now();
    // a cancellation's tombstone committed since our read: retry, and the next attempt sees it
    // the consumer span of order-confirmed, so the carrier clock's events later join the order's trace
    const traceparent = activeTraceparent() ?? metadata.traceparent;
    const created = createdShipment(orderId, parcel, metadata.correlationId, now, traceparent);
    if (!(await this.shipments.insert(tx.manager, created)))
      throw new Error(`a shipment row for order ${orderId} appeared concurrently`);
    await this.carrierCalls.record(tx.manager, {
      idempotencyKey: orderId,
      orderId,
      accepted: parcel,
      deliveryAttempt,
      calledAt: now,
    });
    await this.outbox.append(tx, metadata, [event(ShipmentCreatedV1Contract, { orderId, ...parcel })]);
  }
}
