import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@platform/domain';
import { ShipmentCreatedV1Contract, type OrderConfirmedV1 } from '@platform/events';
import { allOrFirstFailure, OutsideCalls, orPermanentFailure, type MessageSetContext } from '@platform/messaging';
import { OutboxWriter, event } from '@platform/outbox';
import { activeTraceparentWithin } from '@platform/observability';
import { CarrierPort } from '../../adapters/carrier.port';
import { decideCreation, type CreationDecision } from '../../domain/decide-creation';
import { createdShipment } from '../../domain/shipment';
import { invalidOrderId } from '../../domain/shipping-refusals';
import { CarrierCallRepository } from '../../persistence/carrier-call.repository';
import { ShipmentRepository } from '../../persistence/shipment.repository';

/**
 * Books the confirmed orders of a consumer set with the carrier, one shipment per order
 * (docs/adr/0026-work-in-sets.md). The shipment rows (keyed by order id) are read under lock
 * first, so a redelivered confirmation, even with a new event id, finds its shipment and calls
 * nobody; a tombstone left by an earlier cancellation stops it too; of two confirmations of one
 * order in a set, the first books and the second finds it booked. The carrier calls run side by
 * side, each with its idempotency key (the order id): a set waits for its slowest call, not for
 * the sum of them.
 *
 * A refused call throws once every call of the set has answered: the set rolls back and each
 * record runs again alone (OutsideCalls keeps what each call answered in the set): the refused
 * one throws its refusal again and is retried on its own, its neighbours book with the answer
 * their call got. Every record costs one carrier call per delivery attempt, as alone.
 */
@Injectable()
export class CreateShipments {
  private readonly logger = new Logger(CreateShipments.name);
  private readonly calls = new OutsideCalls({ keepAnswers: true });

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly carrier: CarrierPort,
    private readonly shipments: ShipmentRepository,
    private readonly carrierCalls: CarrierCallRepository,
    private readonly clock: Clock,
  ) {}

  async create(confirmations: readonly OrderConfirmedV1[], set: MessageSetContext): Promise<void> {
    // dead-lettered alone once the set runs apart
    for (const { orderId } of confirmations) orPermanentFailure(invalidOrderId(orderId));
    const { tx } = set;
    const existing = await this.shipments.lockAll(
      tx.manager,
      confirmations.map(({ orderId }) => orderId),
    );
    const toBook = this.toBook(confirmations, existing);
    const parcels = await allOrFirstFailure(
      toBook.map((index) => {
        const { orderId, shippingAddress, lines } = confirmations[index];
        return this.calls.call(set, index, () => this.carrier.createShipment(orderId, shippingAddress, lines));
      }),
    );
    const now = this.clock.now();
    const booked = toBook.map((index, k) => ({
      index,
      parcel: parcels[k],
      metadata: set.records[index].causedMetadata(),
    }));
    const created = booked.map(({ index, parcel, metadata }) =>
      createdShipment(
        confirmations[index].orderId,
        parcel,
        metadata.correlationId,
        now,
        activeTraceparentWithin(metadata.traceparent),
      ),
    );
    // a cancellation's tombstone committed since our read: retry, and the next attempt sees it
    if ((await this.shipments.insertAll(tx.manager, created)) !== created.length)
      throw new Error('a shipment row for an order of the set appeared concurrently');
    await this.carrierCalls.recordAll(
      tx.manager,
      booked.map(({ index, parcel }) => ({
        idempotencyKey: confirmations[index].orderId,
        orderId: confirmations[index].orderId,
        accepted: parcel,
        deliveryAttempt: set.records[index].delivery.attempt,
        calledAt: now,
      })),
    );
    for (const { index, parcel, metadata } of booked) {
      const { orderId } = confirmations[index];
      await this.outbox.append(tx, metadata, [event(ShipmentCreatedV1Contract, { orderId, ...parcel })]);
    }
  }

  /** the indexes of the confirmations that book a shipment, in arrival order; the others are logged */
  private toBook(confirmations: readonly OrderConfirmedV1[], existing: ReadonlyMap<string, unknown>): number[] {
    const booking = new Set<string>();
    const toBook: number[] = [];
    confirmations.forEach(({ orderId }, index) => {
      const key = orderId.toLowerCase();
      const decision: CreationDecision = booking.has(key)
        ? { kind: 'skip', reason: 'ALREADY_CREATED' }
        : decideCreation(existing.get(key) as Parameters<typeof decideCreation>[0]);
      if (decision.kind === 'skip') return this.logger.log(`order ${orderId}: no shipment (${decision.reason})`);
      booking.add(key);
      toBook.push(index);
    });
    return toBook;
  }
}
