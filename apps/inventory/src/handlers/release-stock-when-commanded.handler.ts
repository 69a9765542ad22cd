import { Controller, Logger } from '@nestjs/common';
import { Clock } from '@platform/config';
import {
  ReleaseStockV1Contract,
  StockReleasedV1Contract,
  type EventEnvelope,
  type ReleaseStockV1,
} from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { OutboxWriter, event } from '@platform/outbox';
import { INVENTORY } from '../context';
import { decideRelease } from '../domain/release-decision';
import { unreachable } from '../domain/unreachable';
import { moveStock } from '../persistence/product.repository';
import { insertReservation, lockReservation, setReservationStatus } from '../persistence/reservation.repository';

/**
 * The saga compensates: give the order's reserved stock back. Answered with stock-released
 * whatever there was to release (the saga may wait for it), except after a commit. A release
 * that overtakes its reserve leaves a tombstone (domain/release-decision.ts explains why).
 */
@Controller()
export class ReleaseStockWhenCommanded {
  private readonly logger = new Logger(ReleaseStockWhenCommanded.name);

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  @OnEvent(INVENTORY, ReleaseStockV1Contract)
  async handle(command: EventEnvelope<ReleaseStockV1>, ctx: MessageContext): Promise<void> {
    const { orderId, reason } = command.payload;
    const manager = ctx.tx.manager;
    const decision = decideRelease(await lockReservation(manager, orderId));
    const now = this.clock.now();
    switch (decision.kind) {
      case 'release':
        await moveStock(manager, decision.lines, 'release', now);
        await setReservationStatus(manager, orderId, 'RELEASED', now);
        break;
      case 'tombstone':
        await insertReservation(manager, { orderId, status: 'RELEASED', lines: [] }, now);
        break;
      case 'acknowledge':
        break;
      case 'ignore':
        this.logger.warn(`release of order ${orderId} (${reason}) ignored: ${decision.why}`);
        return;
      default:
        return unreachable(decision);
    }
    await this.outbox.append(ctx.tx, ctx.causedMetadata(), [event(StockReleasedV1Contract, { orderId })]);
  }
}
