import { EventEmitter } from 'node:events';
import {
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
  type DataSource,
  type EntityManager,
} from 'typeorm';
import { DatabaseConnectionLostError, isConnectionLoss } from './connection-loss';
import { TransactionRunner, type Transaction } from './transaction';

/**
 * A DataSource whose query runners stand in for TypeORM's: each runs its transaction on
 * `connection` (the pg client) and counts how often one was opened and released.
 */
function fakeDataSource(connection = new EventEmitter()): {
  dataSource: DataSource;
  opened: () => number;
  released: () => number;
} {
  let opened = 0;
  let released = 0;
  const dataSource = {
    createQueryRunner: () => ({
      connect: async () => connection,
      release: async () => void (released += 1),
      manager: {
        transaction: async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
          opened += 1;
          return work({} as EntityManager);
        },
      },
    }),
  } as unknown as DataSource;
  return { dataSource, opened: () => opened, released: () => released };
}

describe('TransactionRunner.within', () => {
  it('given the caller holds a transaction, runs the work in it and opens none', async () => {
    const { dataSource, opened } = fakeDataSource();
    const held: Transaction = {
      manager: {} as EntityManager,
      beforeCommit: () => undefined,
      afterCommit: () => undefined,
    };
    const seen = await new TransactionRunner(dataSource).within(held, async (tx) => tx);
    expect(seen).toBe(held);
    expect(opened()).toBe(0);
  });

  it('given no transaction, opens one and runs its after-commit hooks once it committed', async () => {
    const { dataSource, opened } = fakeDataSource();
    const hooks: string[] = [];
    const result = await new TransactionRunner(dataSource).within(undefined, async (tx) => {
      tx.afterCommit(() => hooks.push('woken'));
      expect(hooks).toEqual([]);
      return 42;
    });
    expect(result).toBe(42);
    expect(opened()).toBe(1);
    expect(hooks).toEqual(['woken']);
  });
});

describe('TransactionRunner.run when the connection dies', () => {
  const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
  });

  it('given the connection reported its loss, turns TypeORM\'s "already released" into a connection loss', async () => {
    // given: the work makes the pg client emit what it emits when the server ends an idle session
    const connection = new EventEmitter();
    const runner = new TransactionRunner(fakeDataSource(connection).dataSource);
    // when
    const failed = runner.run(async () => {
      connection.emit('error', terminated);
      throw new QueryRunnerProviderAlreadyReleasedError();
    });
    // then
    const error = await failed.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseConnectionLostError);
    expect(isConnectionLoss(error)).toBe(true);
    expect((error as Error).cause).toBe(terminated);
  });

  it('given the connection reported nothing, keeps "already released" as it is: a bug, not an outage', async () => {
    // given
    const runner = new TransactionRunner(fakeDataSource().dataSource);
    const released = new QueryRunnerAlreadyReleasedError();
    // when / then
    await expect(runner.run(async () => Promise.reject(released))).rejects.toBe(released);
  });

  it('keeps an error of the work itself (a refusal) even after the connection died', async () => {
    // given
    const connection = new EventEmitter();
    const runner = new TransactionRunner(fakeDataSource(connection).dataSource);
    const refusal = new Error('ORDER.UNKNOWN_SKU');
    // when / then
    await expect(
      runner.run(async () => {
        connection.emit('error', terminated);
        throw refusal;
      }),
    ).rejects.toBe(refusal);
  });

  it('stops listening to the connection and releases it once the transaction is over', async () => {
    // given
    const connection = new EventEmitter();
    const { dataSource, released } = fakeDataSource(connection);
    const runner = new TransactionRunner(dataSource);
    // when
    await runner.run(async () => expect(connection.listenerCount('error')).toBe(1));
    await runner.run(async () => Promise.reject(new Error('refused'))).catch(() => undefined);
    // then
    expect(connection.listenerCount('error')).toBe(0);
    expect(released()).toBe(2);
  });
});
