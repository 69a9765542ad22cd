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
  async record(db: Pick<EntityManager, 'query'>, call: CarrierCall): Promise<void> {
    await db.query(
      `INSERT INTO ${SHIPPING}.carrier_calls
         (idempotency_key, order_id, shipment_id, tracking_number, delivery_attempt, called_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        call.idempotencyKey,
        call.orderId,
        call.accepted.shipmentId,
        call.accepted.trackingNumber,
        call.deliveryAttempt,
        call.calledAt,
      ],
    );
  }
}
