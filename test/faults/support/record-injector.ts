import { DataSource } from 'typeorm';
import type { WireRecord } from '@platform/events';
import { InProcessLog } from '@platform/messaging';
import { KafkaLogProbe } from '@platform/testing';
import { CONTEXTS } from '../../../scripts/invariants/check-invariants';
import { LOG_PARTITIONS, type Deployment } from './deployment';
import type { FaultTransport } from './fault-transport';

/**
 * Writes records straight onto the transport's topics, behind the platform's back: duplicates of
 * what the relays published, and poison. One implementation per transport.
 */
export interface RecordInjector {
  /** the most recently published records, newest first (topic, key, headers and bytes as on the wire) */
  recent(limit: number, topic?: string): Promise<WireRecord[]>;
  append(records: readonly WireRecord[]): Promise<void>;
  close(): Promise<void>;
}

export async function recordInjector(d: Deployment, transport: FaultTransport): Promise<RecordInjector> {
  switch (transport) {
    case 'inprocess':
      return InProcessInjector.open(d);
    case 'kafka':
      return KafkaInjector.open(d);
    default: {
      const unknown: never = transport;
      throw new Error(`no record injector for ${String(unknown)}`);
    }
  }
}

/**
 * Appends through the transport's own InProcessLog, so records land on the partition their key
 * hashes to, at the next offsets; the deployment's workers see them at their next poll.
 */
class InProcessInjector implements RecordInjector {
  private constructor(
    private readonly dataSource: DataSource,
    private readonly log: InProcessLog,
  ) {}

  static async open(d: Deployment): Promise<InProcessInjector> {
    const dataSource = new DataSource({ type: 'postgres', url: d.url, extra: { max: 1 } });
    await dataSource.initialize();
    return new InProcessInjector(dataSource, new InProcessLog(dataSource, 'messaging', LOG_PARTITIONS));
  }

  async recent(limit: number, topic?: string): Promise<WireRecord[]> {
    const rows: Array<{ topic: string; msg_key: string; headers: Record<string, string>; value: Buffer }> =
      await this.dataSource.query(
        `SELECT topic, msg_key, headers, value FROM messaging.log
          WHERE $1::text IS NULL OR topic = $1 ORDER BY appended_at DESC LIMIT $2`,
        [topic ?? null, limit],
      );
    return rows.map((r) => ({ topic: r.topic, key: r.msg_key, headers: r.headers, value: r.value }));
  }

  async append(records: readonly WireRecord[]): Promise<void> {
    await this.log.append(records);
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
  }
}

/**
 * Produces onto the deployment's own (prefixed) Kafka topics with a plain producer and the same
 * partitioner as the relays, so a record lands on the partition its key hashes to. `recent`
 * reads what the relays published from the outboxes (published rows are kept for
 * OUTBOX_RETENTION_HOURS): key, headers and value exactly as produced (with a schema registry,
 * the value framed as the publisher framed it), without joining a consumer group to read the
 * topics back (a group join costs seconds on the mock cluster).
 */
class KafkaInjector implements RecordInjector {
  private constructor(
    private readonly d: Deployment,
    private readonly probe: KafkaLogProbe,
  ) {}

  static async open(d: Deployment): Promise<KafkaInjector> {
    return new KafkaInjector(d, await KafkaLogProbe.connect(d.env));
  }

  async recent(limit: number, topic?: string): Promise<WireRecord[]> {
    const published = CONTEXTS.map(
      (c) =>
        `SELECT topic, msg_key, headers, payload, published_at, id FROM ${c}.outbox
          WHERE published_at IS NOT NULL AND ($1::text IS NULL OR topic = $1)`,
    ).join(' UNION ALL ');
    const { rows } = await this.d.db.query(`${published} ORDER BY published_at DESC, id DESC LIMIT $2`, [
      topic ?? null,
      limit,
    ]);
    return [
      ...(await this.probe.asPublished(
        rows.map((r) => ({ topic: r.topic, key: r.msg_key, headers: r.headers, value: r.payload })),
      )),
    ];
  }

  async append(records: readonly WireRecord[]): Promise<void> {
    await this.probe.append(records);
  }

  async close(): Promise<void> {
    await this.probe.close();
  }
}
