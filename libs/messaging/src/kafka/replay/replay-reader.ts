import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { ReceivedRecord } from '../../pipeline/received-record';
import type { KafkaNaming } from '../kafka-naming';
import { fromKafkaMessage } from '../kafka-records';
import type { KafkaSettings } from '../kafka-settings';
import { replayConsumer } from './replay-consumer';
import type { ReplayPartition } from '../../replay/event-replay';

export interface ReadOptions {
  /** a fresh consumer group id (the mock cluster cannot reset a group's offsets) */
  readonly groupId: string;
  readonly partitions: readonly ReplayPartition[];
  /** records produced before this time (the record's timestamp) are read past, not handed on */
  readonly from?: Date;
  /** one fetched batch's records of one partition, in offset order; resolves once they are applied */
  readonly onRecords: (records: ReceivedRecord[]) => Promise<void>;
  /** called after each batch with the records read so far */
  readonly onRead: (read: number) => void;
}

/**
 * Reads the given partitions' offsets [start, end) once, through a consumer of a fresh group
 * that commits nothing: a start other than the beginning is a client-side `seek`. Each
 * partition is paused when it reaches its end; `read` resolves when all have.
 */
export async function readPartitions(
  kafka: Kafka,
  naming: KafkaNaming,
  settings: KafkaSettings['consumer'],
  options: ReadOptions,
): Promise<void> {
  const positions = new Map(options.partitions.map((p) => [key(naming.topic(p.topic), p.partition), p]));
  const next = new Map([...positions].map(([k, p]) => [k, p.start]));
  const unfinished = new Set([...positions].filter(([, p]) => p.start < p.end).map(([k]) => k));
  if (unfinished.size === 0) return;
  let read = 0;
  let settle!: { resolve: () => void; reject: (error: unknown) => void };
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const consumer = replayConsumer(kafka, options.groupId, settings);
  finished.catch(() => undefined); // a crash while run() joins rejects it before it is awaited
  consumer.on(consumer.events.CRASH, ({ payload }) => settle.reject(payload.error));

  const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload;
    const k = key(batch.topic, batch.partition);
    const range = positions.get(k);
    if (!range || !unfinished.has(k)) {
      payload.pause();
      return;
    }
    const catalogueTopic = range.topic;
    const inRange = batch.messages.filter(
      (m) => BigInt(m.offset) >= (next.get(k) ?? 0n) && BigInt(m.offset) < range.end,
    );
    if (inRange.length === 0) return;
    const wanted = inRange.filter((m) => !options.from || Number(m.timestamp) >= options.from.getTime());
    try {
      if (wanted.length > 0)
        await options.onRecords(wanted.map((m) => fromKafkaMessage(catalogueTopic, batch.partition, m)));
    } catch (error) {
      settle.reject(error);
      payload.pause();
      return;
    }
    const last = BigInt(inRange[inRange.length - 1].offset);
    read += Number(last + 1n - (next.get(k) ?? 0n));
    next.set(k, last + 1n);
    payload.resolveOffset(last.toString()); // the fetch position only: autoCommit is off
    options.onRead(read);
    await payload.heartbeat();
    if (last + 1n >= range.end) {
      unfinished.delete(k);
      payload.pause();
      if (unfinished.size === 0) settle.resolve();
    }
  };

  try {
    await consumer.connect();
    await consumer.subscribe({
      topics: [...new Set(options.partitions.map((p) => naming.topic(p.topic)))],
      fromBeginning: true,
    });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
      eachBatch,
    });
    seekToStarts(consumer, naming, options.partitions);
    await finished;
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}

function seekToStarts(consumer: Consumer, naming: KafkaNaming, partitions: readonly ReplayPartition[]): void {
  for (const p of partitions) {
    consumer.seek({ topic: naming.topic(p.topic), partition: p.partition, offset: p.start.toString() });
  }
}

function key(clusterTopic: string, partition: number): string {
  return `${clusterTopic}#${partition}`;
}
