import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  OrderPlacedV1Contract,
  ShipmentDeliveredV1Contract,
  ShipmentDispatchedV1Contract,
  type EventContract,
  type EventEnvelope,
} from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { ANALYTICS } from '../../context';
import { UpdateOrderFactsCommand } from './update-order-facts.command';

/**
 * The events the order facts are a projection of, by the name of the method that receives each.
 * Every one becomes the same command carrying the event itself (domain/order-fact-change.ts
 * decides what it changes), so one adapter serves them all.
 */
const ORDER_FACT_EVENTS = {
  /** a placed order enters the funnel, with its customer, total and lines (until confirmation corrects them) */
  onOrderPlaced: OrderPlacedV1Contract,
  /** a confirmed order counts as sold, by its final total and lines, on the UTC day of confirmation */
  onOrderConfirmed: OrderConfirmedV1Contract,
  /** a cancelled order leaves revenue and top products, even if it was confirmed before */
  onOrderCancelled: OrderCancelledV1Contract,
  /** a dispatched shipment moves its order on in the funnel */
  onShipmentDispatched: ShipmentDispatchedV1Contract,
  /** a delivered shipment ends its order's journey through the funnel */
  onShipmentDelivered: ShipmentDeliveredV1Contract,
} as const satisfies Record<string, EventContract>;

@Controller()
export class UpdateOrderFactsWhenOrderProgressed {
  constructor(private readonly commands: CommandBus) {}

  async update(event: EventEnvelope, ctx: MessageContext): Promise<void> {
    await this.commands.execute(new UpdateOrderFactsCommand(event, ctx.tx));
  }
}

// One @OnEvent method per event in the table, each a name for `update`: Nest routes one method to
// one topic, so the table becomes methods here rather than five classes that differ in one line.
for (const [method, contract] of Object.entries(ORDER_FACT_EVENTS)) {
  const descriptor: PropertyDescriptor = {
    value(this: UpdateOrderFactsWhenOrderProgressed, event: EventEnvelope, ctx: MessageContext): Promise<void> {
      return this.update(event, ctx);
    },
    writable: true,
    configurable: true,
  };
  OnEvent(ANALYTICS, contract)(UpdateOrderFactsWhenOrderProgressed.prototype, method, descriptor);
  Object.defineProperty(UpdateOrderFactsWhenOrderProgressed.prototype, method, descriptor);
}
