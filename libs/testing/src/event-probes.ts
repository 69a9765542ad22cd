import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import {
  EnvelopeCodec,
  newEventId,
  partitionKeyOf,
  type EventContract,
  type EventEnvelope,
  type EventMetadata,
} from '@platform/events';
import { RECORD_PUBLISHER, type RecordPublisher } from '@platform/outbox';

/**
 * Publishes an event as if another context had (through the transport of the app), so a context
 * can be tested alone: `await publishEvent(app, OrderPlacedV1Contract, payload)`.
 */
export async function publishEvent<P>(
  app: INestApplication,
  contract: EventContract<P>,
  payload: P,
  metadata: EnvelopeExtras = {},
): Promise<EventEnvelope<P>> {
  const envelope = envelopeOf(contract, payload, metadata);
  await app.get<RecordPublisher>(RECORD_PUBLISHER).publish([app.get(EnvelopeCodec).encode(envelope)]);
  return envelope;
}

export type EnvelopeExtras = Partial<EventMetadata> & { producer?: string; eventId?: string };

/** The envelope another context would have written for this payload (new event id unless given). */
export function envelopeOf<P>(contract: EventContract<P>, payload: P, metadata: EnvelopeExtras = {}): EventEnvelope<P> {
  return {
    eventId: metadata.eventId ?? newEventId(),
    type: contract.type,
    version: contract.version,
    key: partitionKeyOf(contract, payload),
    occurredAt: new Date().toISOString(),
    producer: metadata.producer ?? 'test',
    correlationId: metadata.correlationId ?? 'test-correlation',
    causationId: metadata.causationId,
    traceparent: metadata.traceparent,
    payload,
  };
}

/**
 * The events a context wrote to its outbox, decoded, oldest first; optionally only one contract's.
 * What a module test asserts on (STYLE.md #9): the outbox is the context's output.
 */
export async function outboxEvents<P = unknown>(
  app: INestApplication,
  dataSource: DataSource,
  schema: string,
  contract?: EventContract<P>,
): Promise<Array<EventEnvelope<P>>> {
  const rows: Array<{ topic: string; msg_key: string; headers: Record<string, string>; payload: Buffer }> =
    await dataSource.query(
      `SELECT topic, msg_key, headers, payload FROM ${schema}.outbox ${contract ? 'WHERE topic = $1' : ''} ORDER BY id`,
      contract ? [contract.topic] : [],
    );
  const codec = app.get(EnvelopeCodec);
  return rows.map(
    (row) =>
      codec.decode({
        topic: row.topic,
        key: row.msg_key,
        headers: row.headers,
        value: row.payload,
      }) as EventEnvelope<P>,
  );
}
