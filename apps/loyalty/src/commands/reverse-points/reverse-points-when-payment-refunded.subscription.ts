import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { PaymentRefundedV1Contract, type EventEnvelope, type PaymentRefundedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ReversePointsCommand } from './reverse-points.command';
import { LOYALTY } from '../../context';

/** A refunded payment gives the order's points back; the event names only the order, the ledger knows the rest. */
@Controller()
export class ReversePointsWhenPaymentRefunded {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(LOYALTY, PaymentRefundedV1Contract)
  async handle(refunded: EventEnvelope<PaymentRefundedV1>, ctx: MessageContext): Promise<void> {
    await this.commands.execute(
      new ReversePointsCommand(refunded.payload.orderId, 'REFUNDED', refunded.eventId, ctx.tx),
    );
  }
}
