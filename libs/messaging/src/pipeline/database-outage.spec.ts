import type { Transaction, TransactionRunner } from '@platform/database';
import type { EventEnvelope, RecordDecoder } from '@platform/events';
import { PlatformMetrics } from '@platform/observability';
import { eventually } from '@platform/testing';
import { Registry } from 'prom-client';
import { ConsumerGroups } from './consumer-groups';
import { ConsumerPipeline } from './consumer-pipeline';
import { ConsumerTransactions } from './consumer-transactions';
import type { DeadLetterStore } from '@platform/dead-letters';
import type { ReceivedRecord } from './received-record';
import type { RetryPolicy } from './retry-policy';

// The consumer's own database going away for longer than the retry budget (a server restart:
// "the database system is starting up") is waited out, never dead-lettered; a handler's own
// failure keeps its attempt limit. The database and the handler are stand-ins, so the outage
// lasts exactly as long as the test says.
describe('ConsumerPipeline, when the consumer’s database does not answer', () => {
  const RETRY: RetryPolicy = {
    maxAttempts: 3,
    baseDelayMs: 1,
    maxDelayMs: 5,
    maxHeldUpRecords: 10,
    outageMaxDelayMs: 20,
  };
  const startingUp = (): Error =>
    Object.assign(new Error('the database system is starting up'), { code: '57P03', severity: 'FATAL' });

  /** a database that is down while `down` is true: every transaction and probe fails like PostgreSQL's */
  class FakeDatabase {
    down = false;
    transactions = 0;
    probes = 0;
    readonly letters: string[] = [];

    async query(): Promise<unknown> {
      this.probes += 1;
      if (this.down) throw startingUp();
      return [{ '?column?': 1 }];
    }

    async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
      this.transactions += 1;
      if (this.down) throw startingUp();
      const manager = { query: async () => [{ event_id: 'e-1' }] } as unknown as Transaction['manager'];
      return work({ manager, beforeCommit: () => undefined, afterCommit: () => undefined });
    }
  }

  function pipelineOn(db: FakeDatabase): { pipeline: ConsumerPipeline; metrics: PlatformMetrics } {
    const groups = new ConsumerGroups();
    const transactions = {
      dataSource: { query: () => db.query() },
      run: db.run.bind(db),
    } as unknown as TransactionRunner;
    const deadLetters = {
      add: async ({ errorCode }: { errorCode: string }) => void db.letters.push(errorCode),
    } as unknown as DeadLetterStore;
    const recordTransactions = new ConsumerTransactions(transactions, {
      schema: 'orders',
      group: 'orders',
      maxRecords: 1,
    });
    groups.register({ group: 'orders', schema: 'orders', transactions, recordTransactions, deadLetters });
    const decoder: RecordDecoder = { decode: () => ({ eventId: 'e-1', correlationId: 'c-1' }) as EventEnvelope };
    const metrics = new PlatformMetrics(new Registry());
    return { pipeline: new ConsumerPipeline(decoder, groups, RETRY, metrics), metrics };
  }

  const subscription = (handler: () => Promise<void>) => ({
    group: 'orders',
    topic: 'shipping.shipment-dispatched.v1',
    handler,
  });
  const record: ReceivedRecord = {
    topic: 'shipping.shipment-dispatched.v1',
    key: 'o-1',
    headers: {},
    value: Buffer.from('x'),
    partition: 0,
    offset: '7',
  };

  async function waitingGauge(metrics: PlatformMetrics): Promise<number | undefined> {
    const { values } = await metrics.consumersWaiting.get();
    return values.find((v) => v.labels.group === 'orders' && v.labels.dependency === 'database')?.value;
  }

  async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
    await eventually(condition, (met) => met, { expected: what, timeoutMs: 5_000, intervalMs: 5 });
  }

  it('waits out an outage far longer than the retry budget, then handles the record: no dead letter, no attempt spent', async () => {
    // given: the database goes away as the record arrives
    const db = new FakeDatabase();
    const attempts: number[] = [];
    const handler = async (_event: unknown, ctx: { delivery?: unknown }): Promise<void> => {
      attempts.push((ctx as { delivery: { attempt: number } }).delivery.attempt);
    };
    const { pipeline, metrics } = pipelineOn(db);
    db.down = true;

    // when
    const processing = pipeline.process(subscription(handler as () => Promise<void>), record);
    // then: the group waits, says so, and retries nothing meanwhile but its probe
    await until(() => db.probes >= 5, 'five probes of the database');
    expect(await waitingGauge(metrics)).toBe(1);
    await expect(pipeline.waits.check()).rejects.toThrow(
      /orders waits for its database for .* s \(DB\.CONNECTION: the database system is starting up\)/,
    );
    const transactionsWhileDown = db.transactions;
    await until(() => db.probes >= 8, 'three more probes');
    expect(db.transactions).toBe(transactionsWhileDown);

    // when the database is back
    db.down = false;
    // then
    await expect(processing).resolves.toBe('handled');
    expect(db.letters).toEqual([]);
    expect(attempts).toEqual([1]);
    expect(await waitingGauge(metrics)).toBe(0);
    await expect(pipeline.waits.check()).resolves.toBeUndefined();
  });

  it('still dead-letters a handler’s own failure after its attempts, while the database answers', async () => {
    // given
    const db = new FakeDatabase();
    const failing = async (): Promise<void> => {
      throw Object.assign(new Error('no answer from the processor'), { code: 'PAYMENTS.PROCESSOR_UNAVAILABLE' });
    };
    const { pipeline } = pipelineOn(db);
    // when / then
    await expect(pipeline.process(subscription(failing), record)).resolves.toBe('dead_lettered');
    expect(db.letters).toEqual(['PAYMENTS.PROCESSOR_UNAVAILABLE']);
    expect(db.transactions).toBe(RETRY.maxAttempts);
  });

  it('counts a lost connection as an attempt when the database answers at once (a killed session)', async () => {
    // given: every attempt loses its connection, but the database itself answers
    const db = new FakeDatabase();
    const killed = async (): Promise<void> => {
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    };
    const { pipeline } = pipelineOn(db);
    // when / then
    await expect(pipeline.process(subscription(killed), record)).resolves.toBe('dead_lettered');
    expect(db.letters).toEqual(['DB.CONNECTION']);
  });

  it('stops waiting when the consumer stops: the record is left for redelivery', async () => {
    // given
    const db = new FakeDatabase();
    const handler = async (): Promise<void> => undefined;
    const { pipeline, metrics } = pipelineOn(db);
    db.down = true;
    const stopping = new AbortController();
    const processing = pipeline.process(subscription(handler), record, stopping.signal);
    await until(() => db.probes >= 2, 'a probe');
    // when
    stopping.abort();
    // then
    await expect(processing).resolves.toBe('aborted');
    expect(db.letters).toEqual([]);
    await until(async () => (await waitingGauge(metrics)) === 0, 'the wait to end');
  });
});
