/** Records one consumer group has not processed yet on one partition of a topic. */
export interface PartitionLag {
  readonly group: string;
  /** the catalogue's topic (without an environment's prefix) */
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

/**
 * The lag of the consumer groups this process runs, partition by partition: what the operator
 * console's Flow view shows, where the consumer_lag gauge shows one sum per topic. Each transport
 * reads it from where it keeps offsets (the in-process log's tables, the brokers); an abstract
 * class, so it is also the Nest injection token.
 */
export abstract class ConsumerLagReader {
  abstract partitionLag(): Promise<PartitionLag[]>;
}
