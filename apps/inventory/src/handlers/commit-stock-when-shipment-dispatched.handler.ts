import { Controller, Logger } from '@nestjs/common';
import { Clock } from '@platform/config';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { INVENTORY } from '../context';
import { decideCommit } from '../domain/commit-decision';
import { moveStock } from '../persistence/product.repository';
import { lockReservation, setReservationStatus } from '../persistence/reservation.repository';

/** The parcel left the warehouse: the reserved units are gone from the shelf for good. */
@Controller()
export class CommitStockWhenShipmentDispatched {
  private readonly logger = new Logger(CommitStockWhenShipmentDispatched.name);

  constructor(private readonly clock: Clock) {}

  @OnEvent(INVENTORY, ShipmentDispatchedV1Contract)
  async handle(dispatched: EventEnvelope<ShipmentDispatchedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, shipmentId } = dispatched.payload;
    const manager = ctx.tx.manager;
    const decision = decideCommit(await lockReservation(manager, orderId));
    if (decision.kind === 'ignore') {
      this.logger.log(`shipment ${shipmentId} of order ${orderId} commits nothing: ${decision.why}`);
      return;
    }
    const now = this.clock.now();
    await moveStock(manager, decision.lines, 'commit', now);
    await setReservationStatus(manager, orderId, 'COMMITTED', now);
  }
}
