import type { ReceivedRecord } from '../pipeline/received-record';
import type { ReplayProgress } from './replay-progress';

/**
 * What a replay reads, per partition: offsets [start, end), as they stood when it started; what
 * is produced meanwhile is left to the live consumer.
 */
export interface ReplayPartition {
  /** the catalogue's topic (without the environment's prefix) */
  readonly topic: string;
  readonly partition: number;
  readonly start: bigint;
  readonly end: bigint;
}

export interface ReplayOptions {
  /**
   * The consumer group whose read model is rebuilt (a context's name). On Kafka it must be stopped,
   * and resumes right after what was replayed; in-process its offsets are left alone (the online
   * rebuild pauses it around the replay).
   */
  readonly liveGroup: string;
  /** catalogue topics, as the live group subscribes to them */
  readonly topics: readonly string[];
  /** Kafka only: replay only records produced at or after this time (record timestamp); default: everything retained */
  readonly from?: Date;
  /** runs once before anything is counted or read: empty the read models here */
  readonly beforeRead: () => Promise<void>;
  /** one batch of one partition's records, in offset order; resolves once they are applied */
  readonly onRecords: (records: ReceivedRecord[]) => Promise<void>;
  readonly onProgress?: (progress: ReplayProgress) => void;
}

export interface ReplaySummary {
  readonly partitions: readonly ReplayPartition[];
  /** records to replay, as counted when the replay started */
  readonly total: number;
  readonly read: number;
  readonly elapsedMs: number;
  /** Kafka only: the fresh group the records were read with */
  readonly replayGroup?: string;
}

/**
 * The replay port: reads the retained events of the given topics from the start, each partition
 * in offset order, a batch at a time. Both transports implement it, the in-process one over its
 * log table (InProcessLogReplay), Kafka over a fresh consumer group (KafkaReplay), so a context
 * rebuilding a read model never reads a transport's tables or brokers itself. A replay is not a
 * consumer: it runs no pipeline, no inbox, and writes no dead letter.
 */
export interface EventReplay {
  run(options: ReplayOptions): Promise<ReplaySummary>;
}
