import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ORDERS } from '../context';

export interface StoredIdempotencyKey {
  readonly requestHash: string;
  readonly orderId: string;
}

/**
 * Idempotency keys of POST /orders. The key row is inserted first in the placing transaction
 * (on conflict, nothing is written unless the stored key has expired): a concurrent request with
 * the same key waits on it, then finds the committed row, so two requests never both place an
 * order; a rolled-back one leaves no key. A key is kept for ORDERS_IDEMPOTENCY_KEY_RETENTION_HOURS:
 * older, it is claimed again as if it were new, whether or not the retention job has deleted it
 * yet, so a key expires at one instant.
 */
@Injectable()
export class IdempotencyKeyRepository {
  /**
   * true when this request now owns the key, false when another request stored it first and it
   * was stored at or after `expiredBefore`. Taking over an expired row is an upsert under its row
   * lock: of two requests racing for one expired key, the second sees the first's fresh row.
   */
  async claim(
    manager: EntityManager,
    claim: { key: string; requestHash: string; orderId: string; now: Date; expiredBefore: Date },
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO ${ORDERS}.idempotency_keys AS k (key, request_hash, order_id, created_at)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, order_id = EXCLUDED.order_id, created_at = EXCLUDED.created_at
         WHERE k.created_at < $5
       RETURNING key`,
      [claim.key, claim.requestHash, claim.orderId, claim.now, claim.expiredBefore],
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
