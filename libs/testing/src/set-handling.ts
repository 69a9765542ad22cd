import type { INestApplication, Type } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import {
  newEventId,
  partitionKeyOf,
  type EventContract,
  type EventEnvelope,
  type EventMetadata,
} from '@platform/events';
import { MessageContext, MessageSetContext } from '@platform/messaging';
import type { ContextTestApp } from './context-test-app';

/** what a set handler (@OnEvents) is: the subscription's method, bound */
export type SetHandler<P> = (events: ReadonlyArray<EventEnvelope<P>>, set: MessageSetContext) => Promise<void>;

/** a record's fate in handleAsSet: committed with the whole set, or alone, or the error its run alone threw */
export type SetRecordOutcome =
  { readonly committed: 'in the set' | 'alone' } | { readonly committed: false; readonly error: unknown };

/** An event as another context would have published it, without publishing it. */
export function envelopeOf<P>(
  contract: EventContract<P>,
  payload: P,
  metadata: Partial<EventMetadata> & { producer?: string; eventId?: string } = {},
): EventEnvelope<P> {
  return {
    eventId: metadata.eventId ?? newEventId(),
    type: contract.type,
    version: contract.version,
    key: partitionKeyOf(contract, payload),
    occurredAt: new Date().toISOString(),
    producer: metadata.producer ?? 'test',
    correlationId: metadata.correlationId ?? 'test-correlation',
    causationId: metadata.causationId,
    traceparent: metadata.traceparent,
    payload,
  };
}

/**
 * Hands `envelopes` to a set handler as one consumer transaction would (ConsumerTransactions on
 * GroupCommit, docs/adr/0026-work-in-sets.md): all of them in one transaction; when that throws,
 * each again alone, in a transaction of its own. Answers each record's outcome, so a test sees
 * which record a failure was blamed on. Bypasses the inbox and the retries: it is the handler's
 * part of the contract under test. Every record comes as delivery attempt `attempt`.
 */
export async function handleAsSet<P>(
  app: INestApplication,
  group: string,
  contract: EventContract<P>,
  envelopes: ReadonlyArray<EventEnvelope<P>>,
  handle: SetHandler<P>,
  attempt = 1,
): Promise<SetRecordOutcome[]> {
  const transactions = app.get(TransactionRunner, { strict: false });
  const run = (records: ReadonlyArray<EventEnvelope<P>>): Promise<void> =>
    inOneTransaction(transactions, group, contract, records, handle, attempt);
  // as GroupCommit: a set of one is already alone
  if (envelopes.length > 1) {
    try {
      await run(envelopes);
      return envelopes.map(() => ({ committed: 'in the set' }));
    } catch {
      // run apart below
    }
  }
  const outcomes: SetRecordOutcome[] = [];
  for (const envelope of envelopes) {
    try {
      await run([envelope]);
      outcomes.push({ committed: 'alone' });
    } catch (error) {
      outcomes.push({ committed: false, error });
    }
  }
  return outcomes;
}

/** each record of `envelopes` handled alone, one after the other: what a set must be equal to */
export async function handleOneByOne<P>(
  app: INestApplication,
  group: string,
  contract: EventContract<P>,
  envelopes: ReadonlyArray<EventEnvelope<P>>,
  handle: SetHandler<P>,
  attempt = 1,
): Promise<SetRecordOutcome[]> {
  const outcomes: SetRecordOutcome[] = [];
  for (const envelope of envelopes)
    outcomes.push(...(await handleAsSet(app, group, contract, [envelope], handle, attempt)));
  return outcomes;
}

/**
 * Hands events to a set handler as one set, in one transaction of `context`'s own (a platform app
 * holds one TransactionRunner per context), and throws what the set throws: what a test needs to
 * compare a set with the same records one by one, which the pipeline's timing would otherwise decide.
 */
export async function handleAsOneSet<P>(
  t: ContextTestApp,
  context: Type<unknown>,
  contract: EventContract<P>,
  events: ReadonlyArray<EventEnvelope<P>>,
  handle: SetHandler<P>,
): Promise<void> {
  const transactions = t.app.select(context).get(TransactionRunner, { strict: false });
  await inOneTransaction(transactions, 'set-test', contract, events, handle, 1);
}

/** the records as one set in one transaction, each with its own MessageContext, as ConsumerTransactions hands them */
function inOneTransaction<P>(
  transactions: TransactionRunner,
  group: string,
  contract: EventContract<P>,
  records: ReadonlyArray<EventEnvelope<P>>,
  handle: SetHandler<P>,
  attempt: number,
): Promise<void> {
  const { topic } = contract;
  return transactions.run((tx) =>
    handle(
      records,
      new MessageSetContext(
        tx,
        records.map((envelope) => {
          const delivery = { group, topic, partition: 0, offset: envelope.eventId, attempt };
          return new MessageContext(tx, delivery, envelope);
        }),
      ),
    ),
  );
}
