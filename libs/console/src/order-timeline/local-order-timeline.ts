import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { HEADER } from '@platform/events';
import { ConsumerGroups } from '@platform/messaging';
import { traceIdOfTraceparent, type HandledEvent, type ProducedEvent, type TimelinePart } from './order-timeline';

/** more than an order ever has (about 20 events in all); bounds the read of a key gone wrong */
const MOST_EVENTS_PER_CONTEXT = 200;

interface OutboxRow {
  readonly event_id: string;
  readonly topic: string;
  readonly headers: Record<string, string>;
  readonly created_at: Date;
  readonly published_at: Date | null;
}

interface InboxRow {
  readonly event_id: string;
  readonly consumer_group: string;
  readonly processed_at: Date;
}

interface LocalContext {
  readonly group: string;
  readonly schema: string;
  readonly dataSource: DataSource;
}

/**
 * This process's part of an order's timeline, read from the contexts it runs: the events keyed by
 * the order in each outbox (index outbox_key) and each group's inbox row for them (its primary
 * key). Every order-flow event is keyed by its order id (the catalogue's keyField), so the key
 * finds them all; what is older than OUTBOX_RETENTION_HOURS has left the outbox.
 */
@Injectable()
export class LocalOrderTimeline {
  constructor(private readonly groups: ConsumerGroups) {}

  /** the events produced here, and how the groups here handled them and the events named in `otherEventIds` */
  async part(orderId: string, otherEventIds: readonly string[] = []): Promise<TimelinePart> {
    const contexts = this.contexts();
    const produced = (await Promise.all(contexts.map((c) => this.producedIn(c, orderId)))).flat();
    const ids = [...new Set([...produced.map((e) => e.eventId), ...otherEventIds])];
    const handled = ids.length === 0 ? [] : (await Promise.all(contexts.map((c) => this.handledIn(c, ids)))).flat();
    return { produced, handled };
  }

  private contexts(): LocalContext[] {
    return this.groups.all().map((b) => ({ group: b.group, schema: b.schema, dataSource: b.deadLetters.dataSource }));
  }

  private async producedIn(context: LocalContext, orderId: string): Promise<ProducedEvent[]> {
    const rows: OutboxRow[] = await context.dataSource.query(
      `SELECT event_id::text AS event_id, topic, headers, created_at, published_at
         FROM ${context.schema}.outbox WHERE msg_key = $1 ORDER BY id LIMIT ${MOST_EVENTS_PER_CONTEXT}`,
      [orderId],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      type: row.headers[HEADER.type] ?? row.topic,
      topic: row.topic,
      producer: context.schema,
      producedAt: row.created_at.toISOString(),
      publishedAt: row.published_at?.toISOString() ?? null,
      traceId: traceIdOfTraceparent(row.headers[HEADER.traceparent]),
    }));
  }

  private async handledIn(context: LocalContext, eventIds: readonly string[]): Promise<HandledEvent[]> {
    const rows: InboxRow[] = await context.dataSource.query(
      `SELECT event_id::text AS event_id, consumer_group, processed_at
         FROM ${context.schema}.inbox WHERE consumer_group = $1 AND event_id = ANY($2::uuid[])`,
      [context.group, eventIds],
    );
    return rows.map((row) => ({
      eventId: row.event_id,
      group: row.consumer_group,
      handledAt: row.processed_at.toISOString(),
    }));
  }
}
