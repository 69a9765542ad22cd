import { Controller } from '@nestjs/common';
import { PaymentRefundedV1Contract, type EventEnvelope, type PaymentRefundedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { LOYALTY } from '../context';
import { ReversePoints } from './reverse-points.use-case';

/** A refunded payment gives the order's points back; the event names only the order, the ledger knows the rest. */
@Controller()
export class ReversePointsWhenPaymentRefunded {
  constructor(private readonly reversePoints: ReversePoints) {}

  @OnEvent(LOYALTY, PaymentRefundedV1Contract)
  async handle(refunded: EventEnvelope<PaymentRefundedV1>, ctx: MessageContext): Promise<void> {
    await this.reversePoints.run(ctx.tx.manager, refunded.payload.orderId, 'REFUNDED', refunded.eventId);
  }
}
