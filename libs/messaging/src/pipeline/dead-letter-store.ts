import type { DataSource } from 'typeorm';
import { HEADER } from '@platform/events';
import type { ReceivedRecord } from './received-record';

export interface DeadLetter {
  readonly group: string;
  readonly record: ReceivedRecord;
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
  ) {}

  async add(letter: DeadLetter): Promise<void> {
    const { record, error } = letter;
    await this.dataSource.query(
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
        error instanceof Error ? error.message : String(error),
        error instanceof Error ? (error.stack ?? null) : null,
        letter.attempts,
        letter.firstFailedAt,
        error instanceof Error ? error.name : typeof error,
        record.redriveOf ?? null,
      ],
    );
  }

  async count(group?: string): Promise<number> {
    const rows: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM ${this.schema}.dead_letters WHERE status = 'pending' AND ($1::text IS NULL OR consumer_group = $1)`,
      [group ?? null],
    );
    return Number(rows[0].n);
  }
}
