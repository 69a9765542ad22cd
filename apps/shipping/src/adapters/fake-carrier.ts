import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { SHIPPING_SETTINGS, type ShippingSettings } from '../shipping.settings';
import {
  CarrierPort,
  CarrierUnavailableError,
  type CarrierAddress,
  type CarrierLine,
  type CarrierShipment,
} from './carrier.port';

export const CARRIER_MODES = ['normal', 'fail-transiently', 'down'] as const;
export type CarrierMode = (typeof CARRIER_MODES)[number];

export interface CarrierCallLog {
  readonly orderId: string;
  readonly outcome: 'accepted' | 'refused';
  readonly at: Date;
}

const FAKE_CARRIER = 'fake-carrier';
const MAX_LOGGED_CALLS = 10_000;
const SHIPMENT_ID_NAMESPACE = '5f1b7c1e-3f0a-4b8e-9d47-6c2a1d9e8b30';

/**
 * A carrier that runs in memory, with failures you can switch on:
 * - SHIPPING_CARRIER_FAILURES_BEFORE_SUCCESS: the first N calls after start are refused;
 * - mode 'fail-transiently': the first call for each order is refused, its retry accepted;
 * - mode 'down': every call is refused until the mode is switched back.
 * Refusals are retryable. Ids derive from the order id (the idempotency key), so the same order
 * always gets the same shipment id and tracking number, even across restarts, as a real
 * carrier's idempotency would give. `calls` keeps every call, refused ones too, for operators
 * and tests: a refused call's transaction rolls back, so only accepted calls reach the database.
 */
@Injectable()
export class FakeCarrier extends CarrierPort {
  private mode: CarrierMode = 'normal';
  private failuresLeft: number;
  private readonly refusedOnce = new Set<string>();
  private readonly log: CarrierCallLog[] = [];

  constructor(@Inject(SHIPPING_SETTINGS) settings: ShippingSettings) {
    super();
    this.failuresLeft = settings.carrierFailuresBeforeSuccess;
  }

  async createShipment(
    orderId: string,
    _address: CarrierAddress,
    _lines: readonly CarrierLine[],
  ): Promise<CarrierShipment> {
    const refusal = this.refusalFor(orderId);
    this.log.push({ orderId, outcome: refusal ? 'refused' : 'accepted', at: new Date() });
    if (this.log.length > MAX_LOGGED_CALLS) this.log.shift();
    if (refusal) throw new CarrierUnavailableError(`fake carrier refused order ${orderId}: ${refusal}`);
    return {
      shipmentId: uuidv5(orderId, SHIPMENT_ID_NAMESPACE),
      trackingNumber: trackingNumberOf(orderId),
      carrier: FAKE_CARRIER,
    };
  }

  setMode(mode: CarrierMode): void {
    this.mode = mode;
    this.refusedOnce.clear();
  }

  state(): { mode: CarrierMode; failuresLeft: number } {
    return { mode: this.mode, failuresLeft: this.failuresLeft };
  }

  calls(orderId?: string): readonly CarrierCallLog[] {
    return orderId ? this.log.filter((call) => call.orderId === orderId) : [...this.log];
  }

  private refusalFor(orderId: string): string | undefined {
    if (this.mode === 'down') return 'carrier is down';
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      return 'transient failure (SHIPPING_CARRIER_FAILURES_BEFORE_SUCCESS)';
    }
    if (this.mode === 'fail-transiently') {
      if (this.refusedOnce.delete(orderId)) return undefined;
      this.refusedOnce.add(orderId);
      return 'transient failure (first attempt)';
    }
    return undefined;
  }
}

function trackingNumberOf(orderId: string): string {
  const digits = BigInt(`0x${createHash('sha256').update(orderId).digest('hex').slice(0, 15)}`)
    .toString()
    .padStart(12, '0');
  return `FC${digits.slice(0, 12)}`;
}
