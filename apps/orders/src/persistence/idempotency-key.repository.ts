import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ORDERS } from '../context';

export interface StoredIdempotencyKey {
  readonly requestHash: string;
  readonly orderId: string;
}

/**
 * Idempotency keys of POST /orders. The key row is inserted first in the placing transaction
 * (ON CONFLICT DO NOTHING): a concurrent request with the same key waits on it, then finds the
 * committed row, so two requests never both place an order; a rolled-back one leaves no key.
 */
@Injectable()
export class IdempotencyKeyRepository {
  /** true when this request now owns the key, false when another request stored it first */
  async claim(manager: EntityManager, key: string, requestHash: string, orderId: string, now: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO ${ORDERS}.idempotency_keys (key, request_hash, order_id, created_at)
       VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key, requestHash, orderId, now],
    );
    return rows.length === 1;
  }

  async find(manager: EntityManager, key: string): Promise<StoredIdempotencyKey | null> {
    const rows: Array<{ request_hash: string; order_id: string }> = await manager.query(
      `SELECT request_hash, order_id FROM ${ORDERS}.idempotency_keys WHERE key = $1`,
      [key],
    );
    return rows.length > 0 ? { requestHash: rows[0].request_hash, orderId: rows[0].order_id } : null;
  }
}
