import type { DataSource } from 'typeorm';

/**
 * One table a context keeps bounded: rows dated before the cutoff (now minus `retentionMs`) that
 * also meet `where` are deleted in batches, oldest first. An index on `agedBy` (with `where` as
 * its predicate, where there is one) must answer that, or every batch reads the table; and on
 * PGlite, where one transaction runs at a time, every other query waits for it.
 */
export interface RetentionJob {
  /** a table in the context's schema; the `table` label of retention_deleted_rows_total */
  readonly table: string;
  /** how long a row is kept at least (ms) */
  readonly retentionMs: number;
  /** the timestamptz column that dates a row */
  readonly agedBy: string;
  /** a further SQL condition over the table aliased `t` that a row must meet to be deleted */
  readonly where?: string;
}

/**
 * Deletes at most `limit` expired rows, oldest first, in one statement (its own short
 * transaction) and returns how many. Ordering by the age column makes PostgreSQL walk its index
 * (without it, a large backlog was read by a sequential scan that re-read the dead rows of earlier
 * batches). The rows are then deleted by ctid through an array, which runs as a TID scan: a row
 * that changed since it was picked (an idempotency key claimed again) has a new ctid and is left
 * alone, and two processes pruning at once lock their rows in the same (ctid) order.
 */
export async function deleteExpiredBatch(
  dataSource: DataSource,
  schema: string,
  job: RetentionJob,
  cutoff: Date,
  limit: number,
): Promise<number> {
  const table = `${schema}.${job.table}`;
  const also = job.where ? ` AND (${job.where})` : '';
  const result: [unknown[], number] = await dataSource.query(
    `DELETE FROM ${table} WHERE ctid = ANY(ARRAY(
       SELECT t.ctid FROM ${table} AS t WHERE t.${job.agedBy} < $1${also} ORDER BY t.${job.agedBy} LIMIT $2))`,
    [cutoff, limit],
  );
  return result[1];
}
