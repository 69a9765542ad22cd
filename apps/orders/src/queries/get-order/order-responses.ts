import type { OrderSummary } from '../../domain/order';
import type { PricedLine } from '../../domain/price-order';
import type { TimelineEntry } from '../../domain/order-saga.types';
import type { OrderDetailsResponse, OrderSummaryResponse } from './order-details.response.dto';

export function summaryResponse(order: OrderSummary): OrderSummaryResponse {
  return {
    orderId: order.id,
    customerId: order.customerId,
    status: order.status,
    currency: order.currency,
    totalMinor: order.totalMinor,
    ...(order.cancelReason ? { cancelReason: order.cancelReason } : {}),
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}

export function detailsResponse(
  order: OrderSummary & { readonly lines: readonly PricedLine[] },
  timeline: readonly TimelineEntry[],
): OrderDetailsResponse {
  return {
    ...summaryResponse(order),
    lines: order.lines.map(({ sku, quantity, unitPriceMinor }) => ({ sku, quantity, unitPriceMinor })),
    timeline: timeline.map(({ at, kind, detail }) => ({ at: at.toISOString(), kind, detail })),
  };
}
