import type { WireRecord } from '@platform/events';
import type { RecordPublisher } from '@platform/outbox';
import type { ReceivedRecord } from '../pipeline/received-record';
import type { InProcessLog } from './inprocess-log';

/** told of every committed append to a partition, with the records it added (in offset order) */
type AppendListener = (topic: string, partition: number, records: readonly ReceivedRecord[]) => void;

/**
 * The relay's publisher for the in-process transport: a record is published once it is
 * committed to the durable log; then the local partition workers are woken. Consumers never
 * run inside the producer's transaction or call stack.
 */
export class InProcessPublisher implements RecordPublisher {
  private readonly listeners = new Set<AppendListener>();

  constructor(private readonly log: InProcessLog) {}

  async publish(records: readonly WireRecord[]): Promise<void> {
    if (records.length === 0) return;
    const touched = await this.log.append(records);
    for (const { topic, partition, records: appended } of touched) {
      for (const listener of this.listeners) listener(topic, partition, appended);
    }
  }

  onAppended(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
