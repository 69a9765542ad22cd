import type { DataSource } from 'typeorm';
import type { TransactionRunner } from '@platform/database';
import { HEADER, type WireRecord } from '@platform/events';
import type { OutboxWriter } from '@platform/outbox';

/**
 * The record that failed, as its consumer received it: the shape of messaging's ReceivedRecord,
 * stated here because this library sits below the pipeline that writes to it.
 */
export interface FailedRecord extends WireRecord {
  readonly partition: number;
  readonly offset: string;
  /** set when an operator re-drives a dead letter: the id of that letter, kept on a new one if it fails again */
  readonly redriveOf?: string;
}

/** The dead-letter topic of a consuming context: `<context>.dlq`, on Kafka and in-process alike. */
export function deadLetterTopicOf(context: string): string {
  return `${context}.dlq`;
}

/** Headers a record gets on its way to the dead-letter topic, beside the ones it arrived with. */
export const DEAD_LETTER_HEADER = {
  group: 'dlq-consumer-group',
  errorCode: 'dlq-error-code',
  errorClass: 'dlq-error-class',
  errorMessage: 'dlq-error-message',
  attempts: 'dlq-attempts',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
  failedAt: 'dlq-failed-at',
} as const;

/** a header is no place for a stack trace or a novel; the table keeps the whole message */
const MAX_HEADER_MESSAGE = 1000;

export interface DeadLetter {
  readonly group: string;
  readonly record: FailedRecord;
  readonly errorCode: string;
  readonly error: unknown;
  readonly attempts: number;
  readonly firstFailedAt: Date;
}

/**
 * Keeps what could not be processed, with the original record byte for byte and why, in the
 * consumer's own schema so it can be queried and re-driven. Writing it is what lets the
 * partition move on; if it cannot be written, the record is not acknowledged.
 */
export class DeadLetterStore {
  constructor(
    readonly dataSource: DataSource,
    readonly schema: string,
    /** with both: the letter is also forwarded to `<schema>.dlq` through the outbox, in the same transaction */
    private readonly forward?: { readonly transactions: TransactionRunner; readonly outbox: OutboxWriter },
  ) {}

  async add(letter: DeadLetter): Promise<void> {
    if (!this.forward) return this.insert(this.dataSource, letter);
    const { transactions, outbox } = this.forward;
    await transactions.run(async (tx) => {
      await this.insert(tx.manager, letter);
      await outbox.appendRecords(tx, [this.dlqRecordOf(letter)]);
    });
  }

  /** the original record, byte for byte, on the dead-letter topic, with why and where it failed */
  private dlqRecordOf(letter: DeadLetter): WireRecord {
    const { record } = letter;
    const error = describe(letter.error);
    return {
      topic: deadLetterTopicOf(this.schema),
      key: record.key,
      value: record.value,
      headers: {
        ...record.headers,
        [DEAD_LETTER_HEADER.group]: letter.group,
        [DEAD_LETTER_HEADER.errorCode]: letter.errorCode,
        [DEAD_LETTER_HEADER.errorClass]: error.className,
        [DEAD_LETTER_HEADER.errorMessage]: error.message.slice(0, MAX_HEADER_MESSAGE),
        [DEAD_LETTER_HEADER.attempts]: String(letter.attempts),
        [DEAD_LETTER_HEADER.sourceTopic]: record.topic,
        [DEAD_LETTER_HEADER.sourcePartition]: String(record.partition),
        [DEAD_LETTER_HEADER.sourceOffset]: record.offset,
        [DEAD_LETTER_HEADER.failedAt]: new Date().toISOString(),
      },
    };
  }

  private async insert(db: Pick<DataSource, 'query'>, letter: DeadLetter): Promise<void> {
    const { record } = letter;
    const error = describe(letter.error);
    await db.query(
      `INSERT INTO ${this.schema}.dead_letters (consumer_group, topic, partition, "offset", msg_key, headers, value,
         event_id, error_code, error_message, error_stack, attempts, first_failed_at, last_failed_at,
         error_class, redriven_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, clock_timestamp(), $14, $15)`,
      [
        letter.group,
        record.topic,
        record.partition,
        record.offset,
        record.key,
        JSON.stringify(record.headers),
        record.value,
        record.headers[HEADER.eventId] ?? null,
        letter.errorCode,
        error.message,
        error.stack,
        letter.attempts,
        letter.firstFailedAt,
        error.className,
        record.redriveOf ?? null,
      ],
    );
  }
}

/** what a letter keeps of the failure; anything can be thrown, not only an Error */
function describe(error: unknown): { className: string; message: string; stack: string | null } {
  return error instanceof Error
    ? { className: error.name, message: error.message, stack: error.stack ?? null }
    : { className: typeof error, message: String(error), stack: null };
}
