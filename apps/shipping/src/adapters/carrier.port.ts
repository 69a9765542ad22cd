/**
 * The carrier, as the shipping context needs it. A real carrier's API takes an idempotency key;
 * ours is the order id, so a retried call (after our transaction rolled back, say) gets the
 * same shipment back instead of a second parcel.
 */
export interface CarrierAddress {
  readonly name: string;
  readonly line1: string;
  readonly line2?: string | null;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
}

export interface CarrierLine {
  readonly sku: string;
  readonly quantity: number;
}

export interface CarrierShipment {
  readonly shipmentId: string;
  readonly trackingNumber: string;
  readonly carrier: string;
}

export abstract class CarrierPort {
  /** throws CarrierUnavailableError (retryable) when the carrier cannot take it right now */
  abstract createShipment(
    orderId: string,
    address: CarrierAddress,
    lines: readonly CarrierLine[],
  ): Promise<CarrierShipment>;
}

/** The carrier could not be reached or refused for now: the consumer pipeline retries with backoff. */
export class CarrierUnavailableError extends Error {
  readonly code = 'SHIPPING.CARRIER_UNAVAILABLE';

  constructor(message: string) {
    super(message);
    this.name = 'CarrierUnavailableError';
  }
}
