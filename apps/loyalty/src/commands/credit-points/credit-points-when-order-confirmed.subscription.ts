import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { OrderConfirmedV1Contract, type EventEnvelope, type OrderConfirmedV1 } from '@platform/events';
import { MessageSetContext, OnEvents, orPermanentFailure } from '@platform/messaging';
import { CreditPointsCommand } from './credit-points.command';
import { LOYALTY } from '../../context';

/**
 * Confirmed orders earn their points, once, unless already closed. Taken as a set; an impossible
 * total throws, the set runs apart, and that confirmation alone is dead-lettered.
 */
@Controller()
export class CreditPointsWhenOrderConfirmed {
  constructor(private readonly commands: CommandBus) {}

  @OnEvents(LOYALTY, OrderConfirmedV1Contract)
  async handle(confirmed: ReadonlyArray<EventEnvelope<OrderConfirmedV1>>, ctx: MessageSetContext): Promise<void> {
    const confirmations = confirmed.map(({ payload: { orderId, customerId, totalMinor }, eventId }) => ({
      orderId,
      customerId,
      totalMinor,
      sourceEventId: eventId,
    }));
    orPermanentFailure(await this.commands.execute(new CreditPointsCommand(confirmations, ctx.tx)));
  }
}
