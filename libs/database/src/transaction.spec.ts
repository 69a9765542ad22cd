import type { DataSource, EntityManager } from 'typeorm';
import { TransactionRunner, type Transaction } from './transaction';

/** a DataSource whose transaction() hands out a fresh manager and counts how often it was opened */
function fakeDataSource(): { dataSource: DataSource; opened: () => number } {
  let opened = 0;
  const dataSource = {
    transaction: async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
      opened += 1;
      return work({} as EntityManager);
    },
  } as unknown as DataSource;
  return { dataSource, opened: () => opened };
}

describe('TransactionRunner.within', () => {
  it('given the caller holds a transaction, runs the work in it and opens none', async () => {
    const { dataSource, opened } = fakeDataSource();
    const held: Transaction = { manager: {} as EntityManager, afterCommit: () => undefined };
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
