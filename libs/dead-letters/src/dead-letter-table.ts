import type { DataSource } from 'typeorm';
import type { DeadLetterDetails, DeadLetterFilter, DeadLetterStatus, DeadLetterSummary } from './dead-letter';
import { encodeDeadLetterCursor, type DeadLetterCursor } from './dead-letter-cursor';

interface Row {
  id: string;
  consumer_group: string;
  topic: string;
  partition: number | null;
  offset: string | null;
  msg_key: string | null;
  event_id: string | null;
  event_type: string | null;
  error_code: string;
  error_message: string;
  attempts: number;
  first_failed_at: Date;
  last_failed_at: Date;
  status: DeadLetterStatus;
  resolved_at: Date | null;
  resolution: string | null;
  redriven_from: string | null;
  value_bytes: number;
  failed_at_micros: string;
}

interface DetailRow extends Row {
  headers: Record<string, string>;
  value: Buffer;
  error_class: string | null;
  error_stack: string | null;
}

const SUMMARY_COLUMNS = `id::text AS id, consumer_group, topic, partition, "offset", msg_key, event_id,
  headers->>'event-type' AS event_type, error_code, error_message, attempts, first_failed_at, last_failed_at,
  status, resolved_at, resolution, redriven_from::text AS redriven_from, octet_length(value) AS value_bytes,
  (extract(epoch FROM last_failed_at) * 1000000)::bigint::text AS failed_at_micros`;

const AT_MICROS = (param: string): string => `(timestamptz 'epoch' + ${param}::bigint * interval '1 microsecond')`;

/** the conditions a filter sets, with their parameters; `param` adds one more */
function matching(filter: DeadLetterFilter): {
  where: string[];
  params: unknown[];
  param: (value: unknown) => string;
} {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => `$${params.push(value)}`;
  if (filter.group) where.push(`consumer_group = ${param(filter.group)}`);
  if (filter.topic) where.push(`topic = ${param(filter.topic)}`);
  if (filter.errorCode) where.push(`error_code = ${param(filter.errorCode)}`);
  if (filter.key) where.push(`msg_key = ${param(filter.key)}`);
  if (filter.status) where.push(`status = ${param(filter.status)}`);
  if (filter.from) where.push(`last_failed_at >= ${param(filter.from)}`);
  if (filter.to) where.push(`last_failed_at < ${param(filter.to)}`);
  return { where, params, param };
}

/** One context's dead_letters table, read and settled by operators (the pipeline writes it: DeadLetterStore). */
export class DeadLetterTable {
  constructor(
    private readonly dataSource: DataSource,
    readonly context: string,
  ) {}

  /** newest first, after `cursor`; at most `limit` rows, each with its position for the next cursor */
  async list(
    filter: DeadLetterFilter,
    limit: number,
    after?: DeadLetterCursor,
  ): Promise<Array<{ letter: DeadLetterSummary; position: DeadLetterCursor }>> {
    const { where, params, param } = matching(filter);
    if (after) where.push(this.afterCondition(after, param));
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM ${this.context}.dead_letters
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY last_failed_at DESC, id DESC LIMIT ${param(limit)}`,
      params,
    );
    return rows.map((row) => ({ letter: this.summary(row), position: this.positionOf(row) }));
  }

  /** ids of pending letters that match, oldest first, so a batch re-drive keeps the original order per key */
  async pendingIds(filter: DeadLetterFilter, limit: number): Promise<string[]> {
    const { where, params, param } = matching({ ...filter, status: 'pending' });
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id::text AS id FROM ${this.context}.dead_letters WHERE ${where.join(' AND ')}
        ORDER BY id LIMIT ${param(limit)}`,
      params,
    );
    return rows.map((row) => row.id);
  }

  /** how many letters match: what a batch would touch, for the operator to confirm */
  async count(filter: DeadLetterFilter): Promise<number> {
    const { where, params } = matching(filter);
    const [row]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM ${this.context}.dead_letters ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params,
    );
    return row?.n ?? 0;
  }

  async get(id: string): Promise<DeadLetterDetails | undefined> {
    const [row]: DetailRow[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, headers, value, error_class, error_stack
         FROM ${this.context}.dead_letters WHERE id = $1`,
      [id],
    );
    if (!row) return undefined;
    return {
      ...this.summary(row),
      headers: row.headers,
      valueBase64: row.value.toString('base64'),
      errorClass: row.error_class,
      errorStack: row.error_stack,
    };
  }

  /** moves a pending letter to its final status; false when it was not pending (any more) */
  async settle(id: string, status: Exclude<DeadLetterStatus, 'pending'>, resolution: string): Promise<boolean> {
    // through a CTE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with rows
    const rows: unknown[] = await this.dataSource.query(
      `WITH settled AS (
         UPDATE ${this.context}.dead_letters SET status = $2, resolution = $3, resolved_at = clock_timestamp()
          WHERE id = $1 AND status = 'pending' RETURNING id)
       SELECT id FROM settled`,
      [id, status, resolution],
    );
    return rows.length === 1;
  }

  /** the letter a re-drive of `id` wrote when it failed again */
  async redriveOf(id: string): Promise<string | undefined> {
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id::text AS id FROM ${this.context}.dead_letters WHERE redriven_from = $1 ORDER BY id DESC LIMIT 1`,
      [id],
    );
    return row?.id;
  }

  /** pending letters per consumer group, for the depth gauge */
  async pendingByGroup(): Promise<Array<{ group: string; pending: number }>> {
    const rows: Array<{ consumer_group: string; n: number }> = await this.dataSource.query(
      `SELECT consumer_group, count(*)::int AS n FROM ${this.context}.dead_letters
        WHERE status = 'pending' GROUP BY consumer_group`,
    );
    return rows.map((row) => ({ group: row.consumer_group, pending: row.n }));
  }

  /**
   * Rows after the cursor in (last failure, context, id) descending order. The context is this
   * table's, constant here, so comparing it with the cursor's picks one of three conditions.
   */
  private afterCondition(after: DeadLetterCursor, param: (value: unknown) => string): string {
    const at = AT_MICROS(param(after.failedAtMicros.toString()));
    if (this.context < after.context) return `last_failed_at <= ${at}`;
    if (this.context > after.context) return `last_failed_at < ${at}`;
    return `(last_failed_at < ${at} OR (last_failed_at = ${at} AND id < ${param(after.id.toString())}))`;
  }

  private positionOf(row: Row): DeadLetterCursor {
    return { failedAtMicros: BigInt(row.failed_at_micros), context: this.context, id: BigInt(row.id) };
  }

  private summary(row: Row): DeadLetterSummary {
    return {
      context: this.context,
      id: row.id,
      group: row.consumer_group,
      topic: row.topic,
      partition: row.partition,
      offset: row.offset,
      key: row.msg_key,
      eventId: row.event_id,
      eventType: row.event_type,
      errorCode: row.error_code,
      errorMessage: row.error_message,
      attempts: row.attempts,
      firstFailedAt: row.first_failed_at.toISOString(),
      lastFailedAt: row.last_failed_at.toISOString(),
      status: row.status,
      resolvedAt: row.resolved_at?.toISOString() ?? null,
      resolution: row.resolution,
      redrivenFrom: row.redriven_from,
      valueBytes: row.value_bytes,
      cursor: encodeDeadLetterCursor(this.positionOf(row)),
    };
  }
}
