import type { WireRecord } from '@platform/events';

/**
 * The relay's port to a transport. `publish` resolves only once the transport has durably
 * accepted every record (Kafka: acks from all in-sync replicas; in-process: committed to the
 * log), so marking the rows published afterwards can lose nothing.
 */
export interface RecordPublisher {
  publish(records: readonly WireRecord[]): Promise<void>;
}

export const RECORD_PUBLISHER = Symbol('RECORD_PUBLISHER');
