import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EmbeddedPostgres } from './embedded-postgres';
import { TransactionRunner } from './transaction';

/**
 * What the embedded default must guarantee through pglite-socket + the pg driver
 * (../shared/FACTS.md: the direct typeorm-pglite driver failed the first of these).
 */
describe('embedded PGlite through pglite-socket', () => {
  let embedded: EmbeddedPostgres;
  let dataSource: DataSource;

  beforeAll(async () => {
    embedded = await EmbeddedPostgres.start({ dataDir: 'memory://', maxConnections: 50 });
    dataSource = new DataSource({ type: 'postgres', url: embedded.url, poolSize: 8, extra: { max: 8 } });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE t (id serial PRIMARY KEY, writer text NOT NULL)');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await embedded?.stop();
  });

  beforeEach(() => dataSource.query('TRUNCATE t'));

  it('keeps concurrent transactions apart: 40 overlapping, every other one rolled back', async () => {
    const runner = new TransactionRunner(dataSource);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        runner.run(async (tx) => {
          await tx.manager.query('INSERT INTO t (writer) VALUES ($1)', [`w${i}-a`]);
          await tx.manager.query('SELECT pg_sleep(0.001)');
          await tx.manager.query('INSERT INTO t (writer) VALUES ($1)', [`w${i}-b`]);
          if (i % 2 === 1) throw new Error(`writer ${i} rolls back`);
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(20);

    const rows: Array<{ writer: string }> = await dataSource.query('SELECT writer FROM t ORDER BY writer');
    const expected = Array.from({ length: 20 }, (_, k) => [`w${2 * k}-a`, `w${2 * k}-b`])
      .flat()
      .sort();
    expect(rows.map((r) => r.writer)).toEqual(expected);
  });

  it("never lets one transaction's rollback undo another's commit", async () => {
    const runner = new TransactionRunner(dataSource);
    const committed = runner.run((tx) => tx.manager.query("INSERT INTO t (writer) VALUES ('committer')"));
    const rolledBack = runner.run(async (tx) => {
      await tx.manager.query("INSERT INTO t (writer) VALUES ('rollbacker')");
      throw new Error('business rule failed');
    });
    await committed;
    await expect(rolledBack).rejects.toThrow('business rule failed');

    const rows: Array<{ writer: string }> = await dataSource.query('SELECT writer FROM t');
    expect(rows).toEqual([{ writer: 'committer' }]);
  });

  it('runs 50 concurrent writers, each in its own transaction, to completion without deadlock', async () => {
    const runner = new TransactionRunner(dataSource);
    const writers = Array.from({ length: 50 }, (_, i) =>
      runner.run(async (tx) => {
        await tx.manager.query('INSERT INTO t (writer) VALUES ($1)', [`w${i}`]);
        await tx.manager.query('SELECT count(*) FROM t');
        await tx.manager.query('INSERT INTO t (writer) VALUES ($1)', [`w${i}-second`]);
      }),
    );
    await Promise.all(writers);

    const [{ n }]: Array<{ n: string }> = await dataSource.query('SELECT count(*) AS n FROM t');
    expect(Number(n)).toBe(100);
  });

  it('answers concurrent parameterised queries, in and out of transactions, each to the right client', async () => {
    const runner = new TransactionRunner(dataSource);
    const transactions = Array.from({ length: 40 }, (_, i) =>
      runner.run((tx) => tx.manager.query('INSERT INTO t (writer) VALUES ($1)', [`tx${i}`])),
    );
    // the pg driver sends these as Parse/Bind/Execute/Sync; interleaved they would cross answers
    const values = Array.from({ length: 400 }, (_, i) => i);
    const answers = await Promise.all(
      values.map(async (i) => {
        // a distinct statement per client, so a Bind that reaches another client's Parse shows
        const sql =
          i % 2 === 0
            ? `SELECT $1::int AS v, $2::text AS w, ${i} AS n`
            : `SELECT $2::text AS w, $1::int AS v, ${i} AS n`;
        const [row]: Array<{ v: number; w: string; n: number }> = await dataSource.query(sql, [i, `w${i}`]);
        return row;
      }),
    );
    await Promise.all(transactions);
    expect(answers).toEqual(values.map((i) => ({ v: i, w: `w${i}`, n: i })));
  });

  it('keeps data on disk across a restart', async () => {
    const dir = join(tmpdir(), `pglite-restart-${process.pid}-${Date.now()}`);
    const first = await EmbeddedPostgres.start({ dataDir: dir, maxConnections: 5 });
    const ds1 = new DataSource({ type: 'postgres', url: first.url });
    await ds1.initialize();
    await ds1.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('still here')");
    await ds1.destroy();
    await first.stop();

    const second = await EmbeddedPostgres.start({ dataDir: dir, maxConnections: 5 });
    const ds2 = new DataSource({ type: 'postgres', url: second.url });
    await ds2.initialize();
    try {
      expect(await ds2.query('SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    } finally {
      await ds2.destroy();
      await second.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
