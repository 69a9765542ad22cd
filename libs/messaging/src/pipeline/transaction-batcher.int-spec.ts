import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';
import { openContextDataSource, TransactionRunner, type DatabaseTarget, type Transaction } from '@platform/database';
import { createTestDatabase, databaseBackends, type Backend } from '@platform/testing';
import { TransactionBatcher } from './transaction-batcher';

const SCHEMA = 'batched';

describe.each(databaseBackends())('TransactionBatcher on %s', (backend: Backend) => {
  let target: DatabaseTarget;
  let db: DataSource;
  let transactions: TransactionRunner;

  beforeAll(async () => {
    target = await createTestDatabase(backend);
    db = await openContextDataSource(target, { context: SCHEMA, migrations: [] });
    await db.query(`CREATE TABLE ${SCHEMA}.handled (name text PRIMARY KEY, txid bigint NOT NULL)`);
    transactions = new TransactionRunner(db);
  });

  afterEach(async () => {
    await db.query(`TRUNCATE ${SCHEMA}.handled`);
  });

  afterAll(async () => {
    await db?.destroy();
    await target?.release();
  });

  /** a record's work: writes its row and answers its name */
  const handle =
    (name: string) =>
    async (tx: Transaction): Promise<string> => {
      await tx.manager.query(`INSERT INTO ${SCHEMA}.handled (name, txid) VALUES ($1, txid_current())`, [name]);
      return name;
    };

  const committed = async (): Promise<Map<string, string>> => {
    const rows: Array<{ name: string; txid: string }> = await db.query(`SELECT name, txid FROM ${SCHEMA}.handled`);
    return new Map(rows.map((row) => [row.name, row.txid]));
  };

  /** a first record that holds its transaction open until released, so the next ones queue behind it */
  function blocker(batcher: TransactionBatcher): { done: Promise<string>; release: () => void } {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const done = batcher.run(async (tx) => {
      await gate;
      return handle('first')(tx);
    });
    return { done, release };
  }

  it('given records handed over while a transaction runs, commits them together in the next one', async () => {
    // given
    const sizes: number[] = [];
    const batcher = new TransactionBatcher(transactions, { maxRecords: 32, onCommitted: (n) => sizes.push(n) });
    const first = blocker(batcher);
    const queued = ['a', 'b', 'c', 'd'].map((name) => batcher.run(handle(name)));
    // when
    first.release();
    // then
    await expect(first.done).resolves.toBe('first');
    await expect(Promise.all(queued)).resolves.toEqual(['a', 'b', 'c', 'd']);
    const rows = await committed();
    expect(new Set(['a', 'b', 'c', 'd'].map((name) => rows.get(name))).size).toBe(1);
    expect(rows.get('a')).not.toBe(rows.get('first'));
    expect(sizes).toEqual([1, 4]);
  });

  it('given more records waiting than maxRecords, splits them into transactions of at most that many', async () => {
    const sizes: number[] = [];
    const batcher = new TransactionBatcher(transactions, { maxRecords: 2, onCommitted: (n) => sizes.push(n) });
    const first = blocker(batcher);
    const queued = ['a', 'b', 'c', 'd', 'e'].map((name) => batcher.run(handle(name)));
    first.release();
    await Promise.all([first.done, ...queued]);
    const rows = await committed();
    expect(rows.get('a')).toBe(rows.get('b'));
    expect(rows.get('c')).toBe(rows.get('d'));
    expect(new Set([rows.get('a'), rows.get('c'), rows.get('e')]).size).toBe(3);
    expect(sizes).toEqual([1, 2, 2, 1]);
  });

  it('given maxRecords 1, gives every record a transaction of its own', async () => {
    const batcher = new TransactionBatcher(transactions, { maxRecords: 1 });
    await Promise.all(['a', 'b', 'c'].map((name) => batcher.run(handle(name))));
    expect(new Set((await committed()).values()).size).toBe(3);
  });

  it('given one record of a batch fails, reports the failure for it alone and commits its neighbours', async () => {
    // given: b writes its row and then throws, between a and c
    const runs = new Map<string, number>();
    const counted =
      (name: string, fail = false) =>
      async (tx: Transaction): Promise<string> => {
        runs.set(name, (runs.get(name) ?? 0) + 1);
        await handle(name)(tx);
        if (fail) throw new Error(`${name} failed`);
        return name;
      };
    const batcher = new TransactionBatcher(transactions, { maxRecords: 32 });
    const first = blocker(batcher);
    const a = batcher.run(counted('a'));
    const b = batcher.run(counted('b', true));
    const c = batcher.run(counted('c'));
    // when
    first.release();
    // then
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b failed');
    await expect(c).resolves.toBe('c');
    const rows = await committed();
    expect([...rows.keys()].sort()).toEqual(['a', 'c', 'first']);
    expect(rows.get('a')).not.toBe(rows.get('c'));
    // a ran in the batch that rolled back and again alone; c never started in it; b failed twice
    expect(Object.fromEntries(runs)).toEqual({ a: 2, b: 2, c: 1 });
  });

  it('given a batch rolled back, runs the after-commit hooks only of the transactions that committed', async () => {
    const hooks: string[] = [];
    const batcher = new TransactionBatcher(transactions, { maxRecords: 32 });
    const first = blocker(batcher);
    const a = batcher.run(async (tx) => {
      tx.afterCommit(() => hooks.push('a'));
      return handle('a')(tx);
    });
    const b = batcher.run(async () => {
      throw new Error('b failed');
    });
    first.release();
    await Promise.allSettled([first.done, a, b]);
    expect(hooks).toEqual(['a']);
  });

  it('runs each record in the async context it was handed over from (its log bindings, its trace)', async () => {
    const context = new AsyncLocalStorage<string>();
    const batcher = new TransactionBatcher(transactions, { maxRecords: 32 });
    const first = blocker(batcher);
    const seen = ['a', 'b', 'c'].map((name) =>
      context.run(name, () => batcher.run(async (tx) => (await handle(name)(tx), context.getStore()))),
    );
    first.release();
    await expect(Promise.all(seen)).resolves.toEqual(['a', 'b', 'c']);
  });
});
