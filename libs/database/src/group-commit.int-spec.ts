import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';
import { createTestDatabase, databaseBackends, type Backend } from '@platform/testing';
import { openContextDataSource } from './context-data-source';
import type { DatabaseTarget } from './database-target';
import { GroupCommit } from './group-commit';
import { TransactionRunner, type Transaction } from './transaction';

const SCHEMA = 'batched';

/** an item here is a record's work: the set's work runs them one after another and answers what each answered */
type Work = (tx: Transaction) => Promise<string>;

function batcherOf(
  transactions: TransactionRunner,
  options: { maxItems: number; onCommitted?: (n: number) => void },
): GroupCommit<Work, string> {
  return new GroupCommit<Work, string>(
    transactions,
    async (tx, works) => {
      const answers: string[] = [];
      for (const work of works) answers.push(await work(tx));
      return answers;
    },
    options,
  );
}

describe.each(databaseBackends())('GroupCommit on %s', (backend: Backend) => {
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

  /** a first item that holds its transaction open until released, so the next ones queue behind it */
  function blocker(batcher: GroupCommit<Work, string>, name = 'first'): { done: Promise<string>; release: () => void } {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const done = batcher.submit(async (tx) => {
      await gate;
      return handle(name)(tx);
    });
    return { done, release };
  }

  it('given items handed over while a transaction runs, commits them together in the next one', async () => {
    // given
    const sizes: number[] = [];
    const batcher = batcherOf(transactions, { maxItems: 32, onCommitted: (n) => sizes.push(n) });
    const first = blocker(batcher);
    const queued = ['a', 'b', 'c', 'd'].map((name) => batcher.submit(handle(name)));
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

  it('given more items waiting than maxItems, splits them into transactions of at most that many', async () => {
    const sizes: number[] = [];
    const batcher = batcherOf(transactions, { maxItems: 2, onCommitted: (n) => sizes.push(n) });
    const first = blocker(batcher);
    const queued = ['a', 'b', 'c', 'd', 'e'].map((name) => batcher.submit(handle(name)));
    first.release();
    await Promise.all([first.done, ...queued]);
    const rows = await committed();
    expect(rows.get('a')).toBe(rows.get('b'));
    expect(rows.get('c')).toBe(rows.get('d'));
    expect(new Set([rows.get('a'), rows.get('c'), rows.get('e')]).size).toBe(3);
    expect(sizes).toEqual([1, 2, 2, 1]);
  });

  it('given maxItems 1, gives every item a transaction of its own', async () => {
    const batcher = batcherOf(transactions, { maxItems: 1 });
    await Promise.all(['a', 'b', 'c'].map((name) => batcher.submit(handle(name))));
    expect(new Set((await committed()).values()).size).toBe(3);
  });

  it('given one item of a batch fails, reports the failure for it alone and commits its neighbours', async () => {
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
    const batcher = batcherOf(transactions, { maxItems: 32 });
    const first = blocker(batcher);
    const a = batcher.submit(counted('a'));
    const b = batcher.submit(counted('b', true));
    const c = batcher.submit(counted('c'));
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
    const batcher = batcherOf(transactions, { maxItems: 32 });
    const first = blocker(batcher);
    const a = batcher.submit(async (tx) => {
      tx.afterCommit(() => hooks.push('a'));
      return handle('a')(tx);
    });
    const b = batcher.submit(async () => {
      throw new Error('b failed');
    });
    first.release();
    await Promise.allSettled([first.done, a, b]);
    expect(hooks).toEqual(['a']);
  });

  it('runs a set in the async context of its first item, and an item run apart in its own', async () => {
    const context = new AsyncLocalStorage<string>();
    const batcher = batcherOf(transactions, { maxItems: 32 });
    const first = blocker(batcher);
    const seen = (name: string, fail = false): Promise<string> =>
      context.run(name, () =>
        batcher.submit(async (tx) => {
          await handle(name)(tx);
          if (fail) throw new Error(`${name} failed`);
          return `${name} in ${context.getStore()}`;
        }),
      );
    const together = ['a', 'b'].map((name) => seen(name));
    first.release();
    await expect(Promise.all(together)).resolves.toEqual(['a in a', 'b in a']);
    const second = blocker(batcher, 'second');
    const apart = [seen('c'), seen('d', true)];
    second.release();
    await expect(apart[0]).resolves.toBe('c in c');
    await expect(apart[1]).rejects.toThrow('d failed');
    await Promise.all([first.done, second.done]);
  });
});
