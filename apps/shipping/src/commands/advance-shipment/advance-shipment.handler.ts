import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, Refusal, type Refusable } from '@platform/domain';
import { TransactionRunner, type Transaction } from '@platform/database';
import { ShipmentDeliveredV1Contract, ShipmentDispatchedV1Contract, type EventMetadata } from '@platform/events';
import { OutboxWriter, event, type NewEvent } from '@platform/outbox';
import { isDue } from '../../domain/carrier-schedule';
import { decideAdvance } from '../../domain/decide-advance';
import type { Shipment } from '../../domain/shipment';
import { shipmentNotFound } from '../../domain/shipping-refusals';
import { ShipmentRepository } from '../../persistence/shipment.repository';
import { SHIPPING_SETTINGS, type ShippingSettings } from '../../shipping.settings';
import { AdvanceShipmentCommand } from './advance-shipment.command';

/** the carrier clock's answer for a shipment the carrier has not moved on yet (never seen over HTTP) */
const NOT_DUE = Refusal.conflict('SHIPPING.NOT_DUE', 'The carrier has not moved this shipment on yet.');

/**
 * Moves one shipment one step (CREATED -> DISPATCHED -> DELIVERED) in a transaction of its own
 * and announces it, keyed by the order id. Two callers: an operator (now, whatever the clock)
 * and the fake carrier's clock (only when due). The row is locked and the update is
 * conditional on the status read, so of two instances racing for one shipment one publishes.
 */
@CommandHandler(AdvanceShipmentCommand)
export class AdvanceShipmentHandler implements ICommandHandler<AdvanceShipmentCommand> {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly shipments: ShipmentRepository,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(SHIPPING_SETTINGS) private readonly settings: ShippingSettings,
  ) {}

  execute({ orderId, trigger }: AdvanceShipmentCommand): Promise<Refusable<Shipment>> {
    if (trigger.by === 'operator') {
      const { correlationId } = trigger;
      return this.transactions.run((tx) => this.advance(tx, orderId, () => ({ correlationId })));
    }
    return this.transactions.run((tx) =>
      this.advance(
        tx,
        orderId,
        (shipment) => ({ correlationId: shipment.correlationId, traceparent: shipment.traceparent }),
        this.settings,
      ),
    );
  }

  private async advance(
    tx: Transaction,
    orderId: string,
    metadataOf: (shipment: Shipment) => EventMetadata,
    onlyIfDue?: ShippingSettings,
  ): Promise<Refusable<Shipment>> {
    const shipment = await this.shipments.lock(tx.manager, orderId);
    if (!shipment) return shipmentNotFound(orderId);
    const now = this.clock.now();
    if (onlyIfDue && !isDue(shipment, now, onlyIfDue)) return NOT_DUE;
    const decision = decideAdvance(shipment, now);
    if (decision.kind === 'refuse') return Refusal.conflict(decision.code, decision.detail);
    if (!(await this.shipments.transition(tx.manager, decision.from, decision.shipment)))
      throw new Error(`the shipment of order ${orderId} moved on concurrently`);
    await this.outbox.append(tx, metadataOf(shipment), [stepEvent(decision.shipment)]);
    return decision.shipment;
  }
}

function stepEvent(shipment: Shipment): NewEvent {
  const { orderId, parcel } = shipment;
  if (!parcel) throw new Error(`shipment of order ${orderId} has no parcel`); // excluded by the table's CHECK
  if (shipment.status === 'DISPATCHED' && shipment.dispatchedAt)
    return event(ShipmentDispatchedV1Contract, {
      orderId,
      shipmentId: parcel.shipmentId,
      dispatchedAt: shipment.dispatchedAt.toISOString(),
    });
  if (shipment.status === 'DELIVERED' && shipment.deliveredAt)
    return event(ShipmentDeliveredV1Contract, {
      orderId,
      shipmentId: parcel.shipmentId,
      deliveredAt: shipment.deliveredAt.toISOString(),
    });
  throw new Error(`no step event for a ${shipment.status} shipment`);
}
