import type { PlatformDb } from '../orders/platform-db';

/**
 * Every hop between contexts in a time window, from the platform's own tables: an event's outbox
 * row (created_at: its transaction's insert; published_at: the relay marked it sent, after the
 * transport accepted it) joined by event id to each consumer's inbox row (processed_at: the
 * handler's transaction recorded it). So per hop: relay = created -> published, and delivery =
 * published -> handled, which on Kafka is the broker, the fetch wait and the consumer's queue.
 */
export interface Hop {
  readonly producer: string;
  readonly topic: string;
  readonly consumer: string;
  readonly events: number;
  readonly relayP50: number;
  readonly relayP99: number;
  readonly deliveryP50: number;
  readonly deliveryP99: number;
}

export async function hopLatencies(db: PlatformDb, fromMs: number, toMs: number): Promise<Hop[]> {
  const outboxes = await schemasWith(db, 'outbox');
  const inboxes = await schemasWith(db, 'inbox');
  if (outboxes.length === 0 || inboxes.length === 0) return [];
  const sent = outboxes
    .map((s) => `SELECT '${s}' AS producer, event_id, topic, created_at, published_at FROM "${s}".outbox`)
    .join(' UNION ALL ');
  const handled = inboxes
    .map((s) => `SELECT consumer_group, event_id, processed_at FROM "${s}".inbox`)
    .join(' UNION ALL ');
  const ms = (a: string, b: string): string => `extract(epoch FROM ${b} - ${a}) * 1000`;
  const rows = await db.query<{
    producer: string;
    topic: string;
    consumer: string;
    events: string;
    r50: number;
    r99: number;
    d50: number;
    d99: number;
  }>(
    `WITH sent AS (${sent}), handled AS (${handled})
     SELECT s.producer, s.topic, h.consumer_group AS consumer, count(*) AS events,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY ${ms('s.created_at', 's.published_at')})::float8 AS r50,
            percentile_disc(0.99) WITHIN GROUP (ORDER BY ${ms('s.created_at', 's.published_at')})::float8 AS r99,
            percentile_disc(0.5) WITHIN GROUP (ORDER BY ${ms('s.published_at', 'h.processed_at')})::float8 AS d50,
            percentile_disc(0.99) WITHIN GROUP (ORDER BY ${ms('s.published_at', 'h.processed_at')})::float8 AS d99
       FROM sent s JOIN handled h USING (event_id)
      WHERE s.published_at IS NOT NULL
        AND s.created_at BETWEEN to_timestamp($1::float8 / 1000) AND to_timestamp($2::float8 / 1000)
      GROUP BY 1, 2, 3
      ORDER BY 4 DESC, 1, 2, 3`,
    [fromMs, toMs],
  );
  return rows.map((r) => ({
    producer: r.producer,
    topic: r.topic,
    consumer: r.consumer,
    events: Number(r.events),
    relayP50: r.r50,
    relayP99: r.r99,
    deliveryP50: r.d50,
    deliveryP99: r.d99,
  }));
}

async function schemasWith(db: PlatformDb, table: string): Promise<string[]> {
  const rows = await db.query<{ schema: string }>(
    `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = $1 ORDER BY 1`,
    [table],
  );
  return rows.map((r) => r.schema);
}
