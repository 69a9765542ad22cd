import type { DataSource } from 'typeorm';
import type { FailedRecord } from './dead-letter-store';

/** What a re-driven letter came to: as the consumer pipeline answers for one record. */
export type RedriveOutcome = 'handled' | 'duplicate' | 'dead_lettered';

/** One context whose consumer group runs in this process: its schema and the database holding its letters. */
export interface DeadLetterContext {
  readonly context: string;
  readonly dataSource: DataSource;
}

/**
 * The port the dead-letter operations need from the consumers this process hosts; the messaging
 * library implements it over its consumer groups and pipeline (PipelineDeadLetterConsumers). It
 * keeps this library below messaging: the pipeline writes letters here, so nothing here may
 * import the pipeline back. An abstract class, so it is also the Nest injection token.
 */
export abstract class DeadLetterConsumers {
  /** every consumer group this process hosts, as the context (schema) that keeps its letters */
  abstract contexts(): DeadLetterContext[];

  /**
   * Runs the record through the group's own pipeline and handler again, so the inbox still
   * dedupes and a new failure becomes a new letter; `undefined` when no handler of that group
   * consumes the record's topic in this process.
   */
  abstract redrive(group: string, record: FailedRecord): Promise<RedriveOutcome | undefined>;
}
