import { isObservable, lastValueFrom } from 'rxjs';
import type { Environment } from '@platform/config';
import { GroupCommit, type InContext, type Transaction, type TransactionRunner } from '@platform/database';
import type { EventEnvelope } from '@platform/events';
import { CONSUMER_SETTINGS } from './consumer-settings';
import { recordAllInInbox } from './inbox';
import { MessageContext, MessageSetContext, type Delivery } from './message-context';
import type { Subscription } from './subscription';

/** a decoded record on its way into its group's consumer transaction */
export interface ConsumedRecord {
  readonly subscription: Subscription;
  readonly envelope: EventEnvelope;
  readonly delivery: Delivery;
}

/** what a record's transaction did with it: ran its handler, or found its event id in the inbox */
export type Consumed = 'handled' | 'duplicate';

export interface ConsumerTransactionsOptions {
  readonly schema: string;
  readonly group: string;
  /** records in one transaction at most; 1 gives every record its own transaction */
  readonly maxRecords: number;
  /** called with the size of every set that committed, for the metrics */
  readonly onCommitted?: (records: number) => void;
}

/**
 * CONSUMER_TRANSACTION_MAX_RECORDS (32): records one consumer transaction takes at most; 1 turns
 * batching off. Bigger sets save more statements under load and hold their row locks longer.
 */
export function transactionBatchMaxRecordsFromEnv(env: Environment): number {
  return CONSUMER_SETTINGS.read(env).CONSUMER_TRANSACTION_MAX_RECORDS;
}

/**
 * One consumer group's transactions (docs/adr/0016-consumer-transaction-batching.md,
 * docs/adr/0026-work-in-sets.md). The records its partitions hand over while a transaction runs
 * wait, and the next transaction handles them as a set (GroupCommit):
 *
 * 1. one statement records all their event ids in the inbox and answers which are new;
 * 2. the new ones are handled in the order they arrived: a subscription that takes sets
 *    (@OnEvents) gets all of its records at once, at the place of the first of them; any other
 *    handler gets its record alone, in the record's own async context (its log bindings, its span);
 * 3. the outbox rows that all of them appended are inserted by one statement before the commit.
 *
 * Any failure rolls the set back, and each record runs again as a set of one, so the failure is
 * blamed on the record that caused it. Two records of one key from one partition never share a set
 * (a partition offers a key's next record only once the previous one finished; its records of
 * other keys go at once, takeKeysAtOnce), so a set holds two records of one key only when they
 * come from two topics, which have no order between them.
 */
export class ConsumerTransactions {
  private readonly commits: GroupCommit<ConsumedRecord, Consumed>;

  constructor(
    transactions: TransactionRunner,
    private readonly options: ConsumerTransactionsOptions,
  ) {
    this.commits = new GroupCommit(transactions, (tx, records, inContexts) => this.handleSet(tx, records, inContexts), {
      maxItems: options.maxRecords,
      onCommitted: options.onCommitted,
    });
  }

  /** resolves once the record's transaction committed */
  handle(record: ConsumedRecord): Promise<Consumed> {
    return this.commits.submit(record);
  }

  private async handleSet(
    tx: Transaction,
    records: readonly ConsumedRecord[],
    inContexts: readonly InContext[],
  ): Promise<Consumed[]> {
    const eventIds = records.map((record) => record.envelope.eventId.toLowerCase());
    const fresh = await recordAllInInbox(tx, this.options.schema, this.options.group, eventIds);
    // an event id twice in one set: only its first record is new
    const outcomes = eventIds.map((id): Consumed => (fresh.delete(id) ? 'handled' : 'duplicate'));
    const toHandle = records
      .map((record, index) => ({ ...record, inContext: inContexts[index] }))
      .filter((_, index) => outcomes[index] === 'handled');
    const setsDone = new Set<Subscription>();
    for (const record of toHandle) {
      const { subscription } = record;
      if (!subscription.takesSets) {
        await record.inContext(() =>
          settled(subscription.handler(record.envelope, new MessageContext(tx, record.delivery, record.envelope))),
        );
      } else if (!setsDone.has(subscription)) {
        setsDone.add(subscription);
        const members = toHandle.filter((other) => other.subscription === subscription);
        const contexts = members.map((member) => new MessageContext(tx, member.delivery, member.envelope));
        await settled(
          subscription.handler(
            members.map((member) => member.envelope),
            new MessageSetContext(tx, contexts),
          ),
        );
      }
    }
    return outcomes;
  }
}

/**
 * Nest's handler proxy answers with a promise, an Observable, or a promise of an Observable
 * (errors arrive as the latter, through RethrowToPipeline): waits for whichever it is.
 */
async function settled(result: unknown): Promise<void> {
  const value: unknown = await result;
  if (isObservable(value)) await lastValueFrom(value, { defaultValue: undefined });
}
