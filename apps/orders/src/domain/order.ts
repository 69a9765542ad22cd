import type { PricedLine } from './price-order';
import type { CancelReason, OrderStatus } from './order-saga.types';

// The order as placed: who, what at which prices, where to. Its lifecycle lives in the saga.

export interface ShippingAddress {
  readonly name: string;
  readonly line1: string;
  readonly line2: string | null;
  readonly city: string;
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2 */
  readonly country: string;
}

export interface Order {
  readonly id: string;
  readonly customerId: string;
  readonly customerEmail: string;
  readonly currency: string;
  readonly totalMinor: number;
  readonly lines: readonly PricedLine[];
  readonly shippingAddress: ShippingAddress;
}

/** An order with where it stands, as the read side shows it. */
export interface OrderSummary {
  readonly id: string;
  readonly customerId: string;
  readonly status: OrderStatus;
  readonly currency: string;
  readonly totalMinor: number;
  readonly cancelReason: CancelReason | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
