import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PaymentRefundedV1Contract, type EventEnvelope, type PaymentRefundedV1 } from '@platform/events';
import { MessageSetContext, OnEvents } from '@platform/messaging';
import { ReversePointsCommand } from './reverse-points.command';
import { LOYALTY } from '../../context';

/**
 * Refunded payments give their orders' points back; the event names only the order, the ledger
 * knows the rest. Taken as a set.
 */
@Controller()
export class ReversePointsWhenPaymentRefunded {
  constructor(private readonly commands: CommandBus) {}

  @OnEvents(LOYALTY, PaymentRefundedV1Contract)
  async handle(refunded: ReadonlyArray<EventEnvelope<PaymentRefundedV1>>, ctx: MessageSetContext): Promise<void> {
    const closings = refunded.map(({ payload, eventId }) => ({
      orderId: payload.orderId,
      reason: 'REFUNDED' as const,
      sourceEventId: eventId,
    }));
    await this.commands.execute(new ReversePointsCommand(closings, ctx.tx));
  }
}
