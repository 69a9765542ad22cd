import { DataSource } from 'typeorm';
import type { WireRecord } from '@platform/events';
import { InProcessLog } from '@platform/messaging';
import { LOG_PARTITIONS, type Deployment } from './deployment';
import type { FaultTransport } from './fault-transport';

/**
 * Writes records straight onto the transport's topics, behind the platform's back: duplicates of
 * what the relays published, and poison. One implementation per transport; Kafka's will produce
 * with kafkajs to the same topics.
 */
export interface RecordInjector {
  /** the most recently published records, newest first (topic, key, headers and bytes as stored) */
  recent(limit: number, topic?: string): Promise<WireRecord[]>;
  append(records: readonly WireRecord[]): Promise<void>;
  close(): Promise<void>;
}

export async function recordInjector(d: Deployment, transport: FaultTransport): Promise<RecordInjector> {
  switch (transport) {
    case 'inprocess':
      return InProcessInjector.open(d);
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
