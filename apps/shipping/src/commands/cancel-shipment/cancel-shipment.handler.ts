import { Logger } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock, unreachable, type Refusable } from '@platform/domain';
import { decideCancellation } from '../../domain/decide-cancellation';
import { tombstone } from '../../domain/shipment';
import { invalidOrderId } from '../../domain/shipping-refusals';
import { ShipmentRepository } from '../../persistence/shipment.repository';
import { CancelShipmentCommand } from './cancel-shipment.command';

/**
 * A shipment still CREATED is cancelled (the carrier's clock never dispatches it); with no
 * shipment yet, a tombstone keeps a late confirmation (another topic, so possibly delivered
 * after the cancellation) from creating one. Once dispatched it is too late (logged, not refused:
 * the cancellation itself is fine). Refuses only an order id that can never be stored.
 */
@CommandHandler(CancelShipmentCommand)
export class CancelShipmentHandler implements ICommandHandler<CancelShipmentCommand> {
  private readonly logger = new Logger(CancelShipmentHandler.name);

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ orderId, reason, correlationId, tx }: CancelShipmentCommand): Promise<Refusable<void>> {
    const refused = invalidOrderId(orderId);
    if (refused) return refused;
    const now = this.clock.now();
    const decision = decideCancellation(await this.shipments.lock(tx.manager, orderId), reason, now);
    switch (decision.kind) {
      case 'record-tombstone':
        // a shipment committed since our read: retry, and the next attempt cancels it
        if (!(await this.shipments.insert(tx.manager, tombstone(orderId, reason, correlationId, now))))
          throw new Error(`a shipment row for order ${orderId} appeared concurrently`);
        return;
      case 'cancel':
        if (!(await this.shipments.transition(tx.manager, 'CREATED', decision.shipment)))
          throw new Error(`the shipment of order ${orderId} moved on concurrently`);
        return;
      case 'too-late':
        return this.logger.warn(`order ${orderId} cancelled (${reason}) but its shipment is ${decision.status}`);
      case 'already-cancelled':
        return;
      default:
        return unreachable(decision);
    }
  }
}
