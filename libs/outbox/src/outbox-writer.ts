import type { Transaction } from '@platform/database';
import {
  bucketOf,
  newEventId,
  partitionKeyOf,
  type EnvelopeCodec,
  type EventContract,
  type EventEnvelope,
  type EventMetadata,
  type WireRecord,
} from '@platform/events';
import { traceparentForNewEvent } from '@platform/observability';

export interface NewEvent<P = unknown> {
  readonly contract: EventContract<P>;
  readonly payload: P;
}

/** Pairs a contract with its payload, type-checked: `event(OrderPlacedV1Contract, {...})`. */
export function event<P>(contract: EventContract<P>, payload: P): NewEvent<P> {
  return { contract, payload };
}

export interface OutboxWriterOptions {
  readonly schema: string;
  /** the producing context, written into every envelope */
  readonly producer: string;
  readonly lanes: number;
  /** PostgreSQL server only: NOTIFY relays in other processes on commit */
  readonly notifyChannel?: string;
  /** the transport the relay publishes to (`inprocess` by default), as the create spans' `messaging.system` */
  readonly messagingSystem?: 'inprocess' | 'kafka';
}

/** the rows a transaction appended so far, written in one statement just before it commits */
interface Collected {
  readonly records: WireRecord[];
  readonly rowIds: string[];
}

/**
 * Appends events to the outbox inside the caller's transaction: the business change and its
 * events commit together or not at all. Payloads are Avro-encoded here, so a contract
 * violation fails the business transaction instead of surfacing later in the relay. The rows
 * themselves are collected per transaction and inserted by one statement just before it commits
 * (Transaction.beforeCommit): a consumer transaction that handles a set of records, or a group
 * commit of requests, writes all their events at once (docs/adr/0026-work-in-sets.md). So the
 * transaction that appended does not see its own rows in the table before it commits.
 * With tracing on, each event's `traceparent` is that of a `create <topic>` span under the
 * active span (the request's, or the consumer span of the event being handled).
 */
export class OutboxWriter {
  private readonly wakeListeners = new Set<() => void>();
  private readonly collected = new WeakMap<Transaction, Collected>();

  constructor(
    private readonly options: OutboxWriterOptions,
    private readonly codec: EnvelopeCodec,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async append(tx: Transaction, metadata: EventMetadata, events: readonly NewEvent[]): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const occurredAt = this.clock().toISOString();
    const envelopes = events.map((e) => this.envelopeOf(e, metadata, occurredAt));
    const records = envelopes.map((envelope) => this.codec.encode(envelope));
    this.collect(
      tx,
      records,
      envelopes.map((e) => e.eventId),
    );
    return envelopes;
  }

  /**
   * Appends records that are already on the wire format, byte for byte, without a contract: a
   * dead letter forwarded to its `<context>.dlq` topic keeps the bytes and headers it arrived
   * with. Each row gets a new id; the original event id, if any, stays in the headers.
   */
  async appendRecords(tx: Transaction, records: readonly WireRecord[]): Promise<void> {
    if (records.length === 0) return;
    this.collect(
      tx,
      records,
      records.map(() => newEventId()),
    );
  }

  private collect(tx: Transaction, records: readonly WireRecord[], rowIds: readonly string[]): void {
    let collected = this.collected.get(tx);
    if (!collected) {
      const rows: Collected = { records: [], rowIds: [] };
      collected = rows;
      this.collected.set(tx, rows);
      tx.beforeCommit(() => {
        this.collected.delete(tx);
        return this.insert(tx, rows.records, rows.rowIds);
      });
    }
    collected.records.push(...records);
    collected.rowIds.push(...rowIds);
  }

  private async insert(tx: Transaction, records: readonly WireRecord[], rowIds: readonly string[]): Promise<void> {
    await tx.manager.query(
      `INSERT INTO ${this.options.schema}.outbox (lane, event_id, topic, msg_key, headers, payload)
       SELECT * FROM unnest($1::smallint[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::bytea[])`,
      [
        records.map((r) => bucketOf(r.key, this.options.lanes)),
        rowIds,
        records.map((r) => r.topic),
        records.map((r) => r.key),
        records.map((r) => JSON.stringify(r.headers)),
        records.map((r) => r.value),
      ],
    );
    if (this.options.notifyChannel) {
      await tx.manager.query('SELECT pg_notify($1, $2)', [this.options.notifyChannel, '']);
    }
    tx.afterCommit(() => this.wakeListeners.forEach((wake) => wake()));
  }

  /** the relay of this process subscribes here to be woken right after each commit */
  onCommitted(listener: () => void): () => void {
    this.wakeListeners.add(listener);
    return () => this.wakeListeners.delete(listener);
  }

  private envelopeOf(e: NewEvent, metadata: EventMetadata, occurredAt: string): EventEnvelope {
    const eventId = newEventId();
    const { topic } = e.contract;
    const { correlationId } = metadata;
    const system = this.options.messagingSystem ?? 'inprocess';
    return {
      eventId,
      type: e.contract.type,
      version: e.contract.version,
      key: partitionKeyOf(e.contract, e.payload),
      occurredAt,
      producer: this.options.producer,
      correlationId: metadata.correlationId,
      causationId: metadata.causationId,
      traceparent: traceparentForNewEvent({ system, topic, eventId, correlationId }, metadata.traceparent),
      payload: e.payload,
    };
  }
}
