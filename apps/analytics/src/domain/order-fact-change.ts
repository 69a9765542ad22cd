import type {
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderPlacedV1,
  ShipmentDeliveredV1,
  ShipmentDispatchedV1,
} from '@platform/events';
import type { OrderStatus } from './order-status';

/** The events the analytics read models are built from, as plain data. */
export type ProjectedEvent =
  | { readonly type: 'orders.order-placed'; readonly payload: OrderPlacedV1 }
  | { readonly type: 'orders.order-confirmed'; readonly payload: OrderConfirmedV1 }
  | { readonly type: 'orders.order-cancelled'; readonly payload: OrderCancelledV1 }
  | { readonly type: 'shipping.shipment-dispatched'; readonly payload: ShipmentDispatchedV1 }
  | { readonly type: 'shipping.shipment-delivered'; readonly payload: ShipmentDeliveredV1 };

export type Milestone = 'placed' | 'confirmed' | 'cancelled' | 'dispatched' | 'delivered';

export interface OrderLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitPriceMinor: number;
}

export interface OrderDetails {
  readonly customerId: string;
  readonly currency: string;
  readonly totalMinor: number;
  /** absent when the event does not carry the lines (a cancellation) */
  readonly lines?: readonly OrderLine[];
}

/**
 * What one event tells about one order: a milestone reached at a time, and maybe the order's
 * details. A confirmation's details are final (what was actually sold) and overwrite; the other
 * events' details only fill what is still unknown. Together with the status precedence and
 * "earliest time wins" per milestone, applying changes is order-independent and idempotent.
 */
export interface OrderFactChange {
  readonly orderId: string;
  readonly milestone: Milestone;
  readonly status: OrderStatus;
  readonly at: Date;
  readonly details?: OrderDetails;
  readonly detailsFinal: boolean;
}

export interface ProjectionRefusal {
  readonly code: 'ANALYTICS.BAD_TIMESTAMP';
  readonly detail: string;
}

export function orderFactChangeOf(event: ProjectedEvent): OrderFactChange | ProjectionRefusal {
  switch (event.type) {
    case 'orders.order-placed': {
      const { orderId, placedAt, customerId, currency, totalMinor, lines } = event.payload;
      const details = { customerId, currency, totalMinor, lines: lines.map(lineOf) };
      return change(orderId, 'placed', 'PLACED', placedAt, details, false);
    }
    case 'orders.order-confirmed': {
      const { orderId, confirmedAt, customerId, currency, totalMinor, lines } = event.payload;
      const details = { customerId, currency, totalMinor, lines: lines.map(lineOf) };
      return change(orderId, 'confirmed', 'CONFIRMED', confirmedAt, details, true);
    }
    case 'orders.order-cancelled': {
      const { orderId, cancelledAt, customerId, currency, totalMinor } = event.payload;
      return change(orderId, 'cancelled', 'CANCELLED', cancelledAt, { customerId, currency, totalMinor }, false);
    }
    case 'shipping.shipment-dispatched':
      return change(event.payload.orderId, 'dispatched', 'DISPATCHED', event.payload.dispatchedAt);
    case 'shipping.shipment-delivered':
      return change(event.payload.orderId, 'delivered', 'DELIVERED', event.payload.deliveredAt);
    default: {
      const unexpected: never = event;
      throw new Error(`no projection for ${(unexpected as { type: string }).type}`);
    }
  }
}

function change(
  orderId: string,
  milestone: Milestone,
  status: OrderStatus,
  time: string,
  details?: OrderDetails,
  detailsFinal = false,
): OrderFactChange | ProjectionRefusal {
  const at = new Date(time);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(time) || Number.isNaN(at.getTime())) {
    return { code: 'ANALYTICS.BAD_TIMESTAMP', detail: `${milestone} time "${time}" is not an ISO-8601 instant` };
  }
  return { orderId, milestone, status, at, details, detailsFinal };
}

/** only what the read models use: the address and e-mail stay with the contexts that need them */
function lineOf(line: OrderLine): OrderLine {
  return { sku: line.sku, quantity: line.quantity, unitPriceMinor: line.unitPriceMinor };
}

export function isRefusal(value: OrderFactChange | ProjectionRefusal): value is ProjectionRefusal {
  return 'code' in value;
}
