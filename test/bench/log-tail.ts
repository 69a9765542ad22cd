import { performance } from 'node:perf_hooks';
import { HEADER } from '@platform/events';
import type { InProcessLog, InProcessPublisher } from '@platform/messaging';
import { Wakeup } from '@platform/outbox';

/**
 * A bare consumer of one topic of the in-process log: woken by the publisher's append signal
 * (as the transport's partition workers are), it reads each touched partition from its cursor
 * and notes when every event id was first seen. No inbox and no handler transaction: this is
 * the delivery latency the consumer pipeline starts from.
 */
export class LogTail {
  readonly seenAt = new Map<string, number>();
  private readonly cursors: bigint[];
  private readonly dirty = new Set<number>();
  private readonly wakeup = new Wakeup();
  private unsubscribe?: () => void;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly log: InProcessLog,
    private readonly publisher: InProcessPublisher,
    private readonly topic: string,
    startOffsets: readonly bigint[],
    private readonly batch = 500,
  ) {
    this.cursors = [...startOffsets];
  }

  start(): void {
    this.unsubscribe = this.publisher.onAppended((topic, partition) => {
      if (topic !== this.topic) return;
      this.dirty.add(partition);
      this.wakeup.wake();
    });
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.wakeup.wake();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      await this.wakeup.wait(1000);
      const partitions = [...this.dirty];
      this.dirty.clear();
      for (const partition of partitions) await this.drain(partition);
    }
  }

  private async drain(partition: number): Promise<void> {
    for (;;) {
      const records = await this.log.read(this.topic, partition, this.cursors[partition], this.batch);
      const now = performance.now();
      for (const record of records) {
        const id = record.headers[HEADER.eventId];
        if (!this.seenAt.has(id)) this.seenAt.set(id, now);
        this.cursors[partition] = BigInt(record.offset) + 1n;
      }
      if (records.length < this.batch) return;
    }
  }
}

/** the next offset of every partition of `topic` (where a new tail starts) */
export async function logHeads(
  log: InProcessLog,
  query: (sql: string, params: unknown[]) => Promise<unknown>,
  topic: string,
): Promise<bigint[]> {
  const rows = (await query(`SELECT partition, next_offset FROM messaging.partition_heads WHERE topic = $1`, [
    topic,
  ])) as Array<{
    partition: number;
    next_offset: string;
  }>;
  const heads = Array.from({ length: log.partitions }, () => 0n);
  for (const row of rows) heads[row.partition] = BigInt(row.next_offset);
  return heads;
}
