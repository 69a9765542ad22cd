import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ORDERS } from '../context';

export interface StoredIdempotencyKey {
  readonly requestHash: string;
  readonly orderId: string;
}

/** a request's claim on its key, written as its row when the key is free */
export interface IdempotencyKeyClaim {
  readonly key: string;
  readonly requestHash: string;
  readonly orderId: string;
}

/**
 * Idempotency keys of POST /orders. The key rows are inserted in the placing transaction (on
 * conflict, nothing is written unless the stored key has expired): a concurrent request with the
 * same key waits on it, then finds the committed row, so two requests never both place an order;
 * a rolled-back one leaves no key. A key is kept for ORDERS_IDEMPOTENCY_KEY_RETENTION_HOURS:
 * older, it is claimed again as if it were new, whether or not the retention job has deleted it
 * yet, so a key expires at one instant. Work on a whole set of requests: one statement claims
 * every key, one reads the ones that were taken.
 */
@Injectable()
export class IdempotencyKeyRepository {
  /**
   * The keys this set now owns; the others were stored first by another request at or after
   * `expiredBefore`. Taking over an expired row is an upsert under its row lock: of two requests
   * racing for one expired key, the second sees the first's fresh row. One claim per key (a
   * statement cannot upsert one row twice); rows are written in key order, so that two sets
   * claiming overlapping keys wait on each other instead of deadlocking.
   */
  async claimAll(
    manager: EntityManager,
    claims: readonly IdempotencyKeyClaim[],
    now: Date,
    expiredBefore: Date,
  ): Promise<Set<string>> {
    if (claims.length === 0) return new Set();
    const sorted = [...claims].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const rows: Array<{ key: string }> = await manager.query(
      `INSERT INTO ${ORDERS}.idempotency_keys AS k (key, request_hash, order_id, created_at)
       SELECT u.key, u.request_hash, u.order_id, $4
         FROM unnest($1::text[], $2::text[], $3::uuid[]) AS u (key, request_hash, order_id)
       ON CONFLICT (key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, order_id = EXCLUDED.order_id, created_at = EXCLUDED.created_at
         WHERE k.created_at < $5
       RETURNING key`,
      [sorted.map((c) => c.key), sorted.map((c) => c.requestHash), sorted.map((c) => c.orderId), now, expiredBefore],
    );
    return new Set(rows.map((row) => row.key));
  }

  /** the stored keys among `keys` that have not expired (stored at or after `expiredBefore`) */
  async findLive(
    manager: EntityManager,
    keys: readonly string[],
    expiredBefore: Date,
  ): Promise<Map<string, StoredIdempotencyKey>> {
    if (keys.length === 0) return new Map();
    const rows: Array<{ key: string; request_hash: string; order_id: string }> = await manager.query(
      `SELECT key, request_hash, order_id FROM ${ORDERS}.idempotency_keys
        WHERE key = ANY($1::text[]) AND created_at >= $2`,
      [keys, expiredBefore],
    );
    return new Map(rows.map((row) => [row.key, { requestHash: row.request_hash, orderId: row.order_id }]));
  }
}
