import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CarrierShipment } from '../adapters/carrier.port';
import { SHIPPING } from '../context';

export interface CarrierCall {
  readonly idempotencyKey: string;
  readonly orderId: string;
  readonly accepted: CarrierShipment;
  /** the consumer pipeline's attempt that got through: 3 means two refusals before it */
  readonly deliveryAttempt: number;
  readonly calledAt: Date;
}

/**
 * The ledger of accepted carrier calls, written in the handler's transaction. The unique
 * idempotency key is the database's word that an order never costs two carrier calls that
 * stuck. Refused calls roll back with their transaction (the fake carrier lists them in memory).
 */
@Injectable()
export class CarrierCallRepository {
  /** a set's accepted calls in one statement */
  async recordAll(db: Pick<EntityManager, 'query'>, calls: readonly CarrierCall[]): Promise<void> {
    if (calls.length === 0) return;
    await db.query(
      `INSERT INTO ${SHIPPING}.carrier_calls
         (idempotency_key, order_id, shipment_id, tracking_number, delivery_attempt, called_at)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::int[], $6::timestamptz[])`,
      [
        calls.map((call) => call.idempotencyKey),
        calls.map((call) => call.orderId),
        calls.map((call) => call.accepted.shipmentId),
        calls.map((call) => call.accepted.trackingNumber),
        calls.map((call) => call.deliveryAttempt),
        calls.map((call) => call.calledAt),
      ],
    );
  }
}
