/**
 * A shipment as this context knows it, one per order (the order id is its identity).
 * A CANCELLED shipment without a parcel is a tombstone: the order was cancelled before it was
 * confirmed here (events on different topics can arrive in either order), and it keeps a late
 * confirmation from creating a shipment.
 */
export type ShipmentStatus = 'CREATED' | 'DISPATCHED' | 'DELIVERED' | 'CANCELLED';

/** what the carrier gave us when it accepted the shipment */
export interface Parcel {
  readonly shipmentId: string;
  readonly carrier: string;
  readonly trackingNumber: string;
}

export interface Shipment {
  readonly orderId: string;
  readonly status: ShipmentStatus;
  /** null only for a tombstone */
  readonly parcel: Parcel | null;
  /** of the request that started the order flow: events the carrier's clock causes carry it on */
  readonly correlationId: string;
  /** the span that created the shipment: the carrier clock's events join the order's trace through it */
  readonly traceparent?: string;
  readonly createdAt: Date | null;
  readonly dispatchedAt: Date | null;
  readonly deliveredAt: Date | null;
  readonly cancelledAt: Date | null;
  readonly cancelReason: string | null;
}

export function createdShipment(
  orderId: string,
  parcel: Parcel,
  correlationId: string,
  now: Date,
  traceparent?: string,
): Shipment {
  return {
    orderId,
    status: 'CREATED',
    parcel,
    correlationId,
    traceparent,
    createdAt: now,
    dispatchedAt: null,
    deliveredAt: null,
    cancelledAt: null,
    cancelReason: null,
  };
}

export function tombstone(orderId: string, reason: string, correlationId: string, now: Date): Shipment {
  return {
    orderId,
    status: 'CANCELLED',
    parcel: null,
    correlationId,
    createdAt: null,
    dispatchedAt: null,
    deliveredAt: null,
    cancelledAt: now,
    cancelReason: reason,
  };
}
