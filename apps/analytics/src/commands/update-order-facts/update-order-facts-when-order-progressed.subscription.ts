import type { Type } from '@nestjs/common';
import {
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  OrderPlacedV1Contract,
  ShipmentDeliveredV1Contract,
  ShipmentDispatchedV1Contract,
} from '@platform/events';
import { setSubscriptionsPerContract } from '@platform/messaging';
import { ANALYTICS } from '../../context';
import { UpdateOrderFactsCommand } from './update-order-facts.command';

/**
 * The events the order facts are a projection of. Every one becomes the same command carrying the
 * events themselves (domain/order-fact-change.ts decides what each changes), so one adapter serves
 * them all, a subscription per event, each taking the events of a consumer transaction as a set.
 */
const ORDER_FACT_EVENTS = [
  // a placed order enters the funnel, with its customer, total and lines (until confirmation corrects them)
  { contract: OrderPlacedV1Contract },
  // a confirmed order counts as sold, by its final total and lines, on the UTC day of confirmation
  { contract: OrderConfirmedV1Contract },
  // a cancelled order leaves revenue and top products, even if it was confirmed before
  { contract: OrderCancelledV1Contract },
  // a dispatched shipment moves its order on in the funnel
  { contract: ShipmentDispatchedV1Contract },
  // a delivered shipment ends its order's journey through the funnel
  { contract: ShipmentDeliveredV1Contract },
];

export const UPDATE_ORDER_FACTS_SUBSCRIPTIONS: readonly Type[] = setSubscriptionsPerContract(
  ANALYTICS,
  ORDER_FACT_EVENTS,
  async (commands, _row, events, ctx) => {
    await commands.execute(new UpdateOrderFactsCommand(events, ctx.tx));
  },
);
