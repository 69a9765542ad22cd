import { Pool, type PoolClient } from 'pg';
import { createTestDatabase, requirePostgresUrl } from '@platform/testing';
import type { DatabaseTarget } from './database-target';
import { PreparingClient } from './prepared-statements';

const serverUrl = requirePostgresUrl('prepared statements');

/**
 * PreparingClient runs a statement it has seen before as a named one, prepared once per
 * connection, and falls back to the unnamed form when the server refuses the prepared one.
 */
(serverUrl ? describe : describe.skip)('prepared statements on PostgreSQL', () => {
  let database: DatabaseTarget;
  let pool: Pool;
  // one connection held throughout, as TypeORM holds one (pool.query would drop it after an error)
  let connection: PoolClient;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    pool = new Pool({ connectionString: database.url, max: 1, Client: PreparingClient });
    connection = await pool.connect();
    await connection.query('CREATE TABLE items (id int PRIMARY KEY, name text)');
  });

  afterAll(async () => {
    connection?.release();
    await pool?.end();
    await database?.release();
  });

  const prepared = async (): Promise<string[]> =>
    (await connection.query('SELECT statement FROM pg_prepared_statements ORDER BY statement')).rows.map(
      (row: { statement: string }) => row.statement,
    );

  it('prepares a parameterised statement on its second use, with the same answers', async () => {
    const insert = 'INSERT INTO items (id, name) SELECT * FROM unnest($1::int[], $2::text[]) RETURNING id';
    expect(await connection.query(insert, [[1], ['one']])).toMatchObject({ rows: [{ id: 1 }] });
    expect(await prepared()).toEqual([]);
    expect(
      await connection.query(insert, [
        [2, 3],
        ['two', 'three'],
      ]),
    ).toMatchObject({ rows: [{ id: 2 }, { id: 3 }] });
    expect(await connection.query(insert, [[4], ['four']])).toMatchObject({ rows: [{ id: 4 }] });
    expect(await prepared()).toEqual([insert]);
    // a statement without parameters is never named: it may be one of several statements
    await connection.query('SELECT count(*) FROM items');
    await connection.query('SELECT count(*) FROM items');
    expect(await prepared()).toEqual([insert]);
  });

  it('runs a statement unnamed once the server refuses its cached plan, and the retry answers', async () => {
    const select = 'SELECT * FROM items WHERE id = $1';
    await connection.query(select, [1]);
    expect((await connection.query(select, [1])).rows).toEqual([{ id: 1, name: 'one' }]);
    await connection.query('ALTER TABLE items ADD COLUMN price int');
    // the prepared plan's result type changed: PostgreSQL refuses it (0A000)
    await expect(connection.query(select, [1])).rejects.toMatchObject({ code: '0A000' });
    expect((await connection.query(select, [1])).rows).toEqual([{ id: 1, name: 'one', price: null }]);
  });
});
