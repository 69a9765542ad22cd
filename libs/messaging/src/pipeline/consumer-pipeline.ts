import { Logger } from '@nestjs/common';
import type { EventEnvelope, RecordDecoder } from '@platform/events';
import {
  markAttempt,
  recordFailedAttempt,
  traceConsume,
  withLogContext,
  type PlatformMetrics,
} from '@platform/observability';
import type { ConsumerGroups } from './consumer-groups';
import type { ConsumeOutcome } from './consume-outcome';
import { consumeSpanOf } from './consume-span';
import { DatabaseOutage, type OutageOutcome } from './database-outage';
import { classifyFailure } from './failure-classification';
import { InfrastructureWaits } from './infrastructure-waits';
import { KeyedLane } from './keyed-lane';
import type { ReceivedRecord } from './received-record';
import { checkRecordSize, DEFAULT_CONSUMER_LIMITS, type ConsumerLimits } from './record-size';
import { backoffDelay, type RetryPolicy } from './retry-policy';
import type { Subscription } from './subscription';
import { pause } from './pause';

export type { BoundHandler, Subscription } from './subscription';

export type { ConsumeOutcome } from './consume-outcome';

/** how a record's tries ended when its step did not succeed */
type Settled = Extract<ConsumeOutcome, 'aborted' | 'dead_lettered'>;

/** the record being tried, shared by its decoding and its handling */
interface Tries {
  readonly subscription: Subscription;
  readonly record: ReceivedRecord;
  /** when the record's first try began: the dead letter's first failure */
  readonly firstFailedAt: Date;
  readonly signal?: AbortSignal;
  readonly onRetrying?: () => void;
}

/** one step of a record's way through the pipeline, tried until it settles (untilSettled) */
interface Step<T> {
  run(attempt: number): Promise<T>;
  /** what failed, as the retry's log line names it */
  failed(attempt: number): string;
  /** whether a failure the record is dead-lettered for counts in handlerFailures too */
  countsEveryFailure: boolean;
  /** the group's database, when the step uses it */
  outage?: DatabaseOutage;
}

/**
 * The one path every event takes on every transport, in this order:
 * check the size, decode and validate -> open a transaction in the consumer's database -> record the eventId in
 * the inbox (a duplicate is skipped) -> run the handler with that transaction -> commit.
 * A failure is classified: permanent ones are dead-lettered at once, transient ones retried with
 * backoff and jitter, then dead-lettered. A connection-class failure while the consumer's own
 * database does not answer is neither: the group pauses until it answers (DatabaseOutage), and
 * the record is tried again without the attempt counting (docs/adr/0017). The caller acknowledges (commits the offset) only
 * after this resolves; if even the dead letter cannot be written, this throws and nothing is
 * acknowledged. Decoding may ask a schema registry (RecordDecoder); it is retried like a handler
 * when the registry is unavailable, and dead-lettered at once when the record is undecodable.
 * With tracing on, each record is one `process <topic>` span around all of this (tracing/).
 */
export class ConsumerPipeline {
  private readonly logger = new Logger(ConsumerPipeline.name);
  /** the groups paused on infrastructure, for the metrics and the readiness check `consumers` */
  readonly waits: InfrastructureWaits;
  private readonly outages = new Map<string, DatabaseOutage>();

  constructor(
    private readonly decoder: RecordDecoder,
    private readonly groups: ConsumerGroups,
    private readonly retry: RetryPolicy,
    private readonly metrics?: PlatformMetrics,
    private readonly limits: ConsumerLimits = DEFAULT_CONSUMER_LIMITS,
    /** the transport, as the consumer spans' `messaging.system` */
    private readonly messagingSystem: 'inprocess' | 'kafka' = 'inprocess',
  ) {
    this.waits = new InfrastructureWaits(metrics);
  }

  /**
   * A lane for one partition of `subscription`: records in offset order, a retrying one set aside
   * with its key so the other keys go on (see KeyedLane).
   */
  lane(subscription: Subscription, signal: AbortSignal, onSettled?: (error?: unknown) => void): KeyedLane {
    return new KeyedLane(
      (record, laneSignal, onRetrying) => this.process(subscription, record, laneSignal, onRetrying),
      { maxHeldUpRecords: this.retry.maxHeldUpRecords, onSettled },
      signal,
    );
  }

  /** `onRetrying` is called each time an attempt failed and the record waits to be tried again */
  process(
    subscription: Subscription,
    record: ReceivedRecord,
    signal?: AbortSignal,
    onRetrying?: () => void,
  ): Promise<ConsumeOutcome> {
    return traceConsume(consumeSpanOf(this.messagingSystem, subscription, record), () =>
      this.processRecord(subscription, record, signal, onRetrying),
    );
  }

  private async processRecord(
    subscription: Subscription,
    record: ReceivedRecord,
    signal?: AbortSignal,
    onRetrying?: () => void,
  ): Promise<ConsumeOutcome> {
    const { group, topic } = subscription;
    const stopTimer = this.metrics?.handlerDuration.startTimer({ topic, group });
    const tries = { subscription, record, firstFailedAt: new Date(), signal, onRetrying };
    const envelope = await this.untilSettled(tries, {
      run: async () => {
        checkRecordSize(record, this.limits.maxRecordBytes);
        return this.decoder.decode(record);
      },
      failed: () => `decoding ${topic}@${record.partition}:${record.offset}`,
      // an undecodable record never reached a handler: a handler failure only when retried
      countsEveryFailure: false,
    });
    if (typeof envelope === 'string') return envelope;
    const bindings = { correlationId: envelope.correlationId, eventId: envelope.eventId, topic, group };
    return withLogContext(bindings, () =>
      this.untilSettled(tries, {
        run: async (attempt) => {
          markAttempt(attempt);
          const outcome = await this.attempt(subscription, record, envelope, attempt);
          stopTimer?.();
          this.metrics?.eventsConsumed.inc({ topic, group, outcome });
          return outcome;
        },
        failed: (attempt) => `attempt ${attempt}`,
        countsEveryFailure: true,
        outage: this.outageOf(group),
      }),
    );
  }

  /**
   * The one retry loop, for decoding and for handling alike: `step` is tried until it succeeds;
   * a permanent failure, or the last attempt's, is dead-lettered; any other waits its backoff.
   * With `step.outage`, no attempt starts while the group's database does not answer, and a
   * connection-class failure waits for it (an attempt that does not count).
   */
  private async untilSettled<T>(tries: Tries, step: Step<T>): Promise<T | Settled> {
    const { subscription, record, firstFailedAt, signal, onRetrying } = tries;
    const { group, topic } = subscription;
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (step.outage && !(await step.outage.passable(signal))) return 'aborted';
        return await step.run(attempt);
      } catch (error) {
        const failure = classifyFailure(error);
        const countFailure = (): void => this.metrics?.handlerFailures.inc({ topic, group, error: failure.code });
        if (step.countsEveryFailure) countFailure();
        recordFailedAttempt(error, attempt, failure.code);
        const waited =
          step.outage && failure.connection ? await this.waitOut(step.outage, failure.code, error, signal) : 'answered';
        if (waited === 'aborted') return 'aborted';
        if (waited === 'recovered') {
          attempt -= 1; // the database was away: not the record's attempt, and the record kept its place
          continue;
        }
        if (failure.permanent || attempt >= this.retry.maxAttempts) {
          return this.deadLetter(subscription, record, error, attempt, firstFailedAt, signal);
        }
        if (!step.countsEveryFailure) countFailure();
        const delay = backoffDelay(this.retry, attempt);
        this.logger.warn(
          `${step.failed(attempt)} failed (${failure.code}: ${(error as Error).message}); retrying in ${delay} ms`,
        );
        onRetrying?.();
        if (!(await pause(delay, signal))) return 'aborted';
      }
    }
  }

  private async attempt(
    subscription: Subscription,
    record: ReceivedRecord,
    envelope: EventEnvelope,
    attempt: number,
  ): Promise<ConsumeOutcome> {
    const { group } = subscription;
    const delivery = { group, topic: record.topic, partition: record.partition, offset: record.offset, attempt };
    return this.groups.get(group).recordTransactions.handle({ subscription, envelope, delivery });
  }

  /** the group's view of its database, made on first use */
  private outageOf(group: string): DatabaseOutage {
    let outage = this.outages.get(group);
    if (!outage) {
      const { dataSource } = this.groups.get(group).transactions;
      outage = new DatabaseOutage(group, () => dataSource.query('SELECT 1'), this.waits, {
        baseDelayMs: this.retry.baseDelayMs,
        maxDelayMs: this.retry.outageMaxDelayMs ?? 2_000,
      });
      this.outages.set(group, outage);
    }
    return outage;
  }

  private waitOut(outage: DatabaseOutage, code: string, error: unknown, signal?: AbortSignal): Promise<OutageOutcome> {
    return outage.waitOut(`${code}: ${(error as Error)?.message ?? String(error)}`, signal);
  }

  private async deadLetter(
    subscription: Subscription,
    record: ReceivedRecord,
    error: unknown,
    attempts: number,
    firstFailedAt: Date,
    signal?: AbortSignal,
  ): Promise<Settled> {
    const { group, topic } = subscription;
    const failure = classifyFailure(error);
    const outage = this.outageOf(group);
    for (;;) {
      try {
        await this.groups
          .get(group)
          .deadLetters.add({ group, record, errorCode: failure.code, error, attempts, firstFailedAt });
        break;
      } catch (writeError) {
        // a letter that cannot be written for want of a database waits for it like an attempt;
        // anything else surfaces, and nothing is acknowledged (the record is delivered again)
        const write = classifyFailure(writeError);
        const waited = write.connection ? await this.waitOut(outage, write.code, writeError, signal) : 'answered';
        if (waited === 'aborted') return 'aborted';
        if (waited !== 'recovered') throw writeError;
      }
    }
    this.metrics?.deadLettered.inc({ topic, group, error: failure.code });
    this.metrics?.eventsConsumed.inc({ topic, group, outcome: 'dead_lettered' });
    this.logger.error(
      `dead-lettered ${topic}@${record.partition}:${record.offset} for ${group} after ${attempts} attempt(s): ${failure.code}: ${(error as Error)?.message ?? error}`,
    );
    return 'dead_lettered';
  }
}
