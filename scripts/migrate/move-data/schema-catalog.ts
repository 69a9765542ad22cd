import type { Client } from 'pg';
import { checksumSql, qualifiedName, quoteIdent, type TableShape } from './table-sql';

/** TypeORM's own table in each context schema: written by the migrations, never copied */
export const MIGRATIONS_TABLE = 'migrations';

export interface TableColumns extends TableShape {
  /** `name type` per column, to compare the two sides' shapes */
  readonly signature: readonly string[];
}

export async function schemaExists(client: Client, schema: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  return rows.length > 0;
}

/** the schema's migrations as TypeORM recorded them, in the order they ran; undefined when it has none */
export async function appliedMigrations(client: Client, schema: string): Promise<string[] | undefined> {
  const { rows } = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [
    `${schema}.${MIGRATIONS_TABLE}`,
  ]);
  if (!rows[0]?.present) return undefined;
  const applied = await client.query<{ name: string }>(
    `SELECT name FROM ${qualifiedName({ schema, table: MIGRATIONS_TABLE })} ORDER BY id`,
  );
  return applied.rows.map((row) => row.name);
}

/** every table of the schema but TypeORM's migrations table, with its stored columns in order */
export async function tablesOf(client: Client, schema: string): Promise<TableColumns[]> {
  const { rows } = await client.query<{ table: string; column: string; type: string }>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> $2
      ORDER BY c.relname, a.attnum`,
    [schema, MIGRATIONS_TABLE],
  );
  const tables = new Map<string, { columns: string[]; signature: string[] }>();
  for (const row of rows) {
    const table = tables.get(row.table) ?? { columns: [], signature: [] };
    table.columns.push(row.column);
    table.signature.push(`${row.column} ${row.type}`);
    tables.set(row.table, table);
  }
  return [...tables].map(([table, shape]) => ({ schema, table, ...shape }));
}

export async function rowCount(client: Client, shape: TableShape): Promise<number> {
  const { rows } = await client.query<{ n: string }>(`SELECT count(*)::bigint AS n FROM ${qualifiedName(shape)}`);
  return Number(rows[0].n);
}

export interface TableChecksum {
  readonly rows: number;
  readonly checksum: string;
}

export async function checksumOf(client: Client, shape: TableShape): Promise<TableChecksum> {
  const { rows } = await client.query<{ rows: string; checksum: string }>(checksumSql(shape));
  return { rows: Number(rows[0].rows), checksum: rows[0].checksum };
}

export interface SequenceState {
  readonly name: string;
  readonly lastValue: string;
  readonly isCalled: boolean;
}

/** the schema's sequences (serial and identity columns) but the migrations table's own */
export async function sequencesOf(client: Client, schema: string): Promise<SequenceState[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT s.relname AS name
       FROM pg_class s
       JOIN pg_namespace n ON n.oid = s.relnamespace
       LEFT JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       LEFT JOIN pg_class owner ON owner.oid = d.refobjid
      WHERE n.nspname = $1 AND s.relkind = 'S' AND coalesce(owner.relname, '') <> $2
      ORDER BY s.relname`,
    [schema, MIGRATIONS_TABLE],
  );
  const states: SequenceState[] = [];
  for (const { name } of rows) {
    const state = await client.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text, is_called FROM ${quoteIdent(schema)}.${quoteIdent(name)}`,
    );
    states.push({ name, lastValue: state.rows[0].last_value, isCalled: state.rows[0].is_called });
  }
  return states;
}

/** sets a sequence as it was on the source (setval is not transactional: it is the last step before commit) */
export async function setSequence(client: Client, schema: string, state: SequenceState): Promise<void> {
  await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [
    `${quoteIdent(schema)}.${quoteIdent(state.name)}`,
    state.lastValue,
    state.isCalled,
  ]);
}

/** foreign keys between the schema's tables, as (child, parent) pairs */
export async function foreignKeysOf(client: Client, schema: string): Promise<Array<[string, string]>> {
  const { rows } = await client.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
       FROM pg_constraint k
       JOIN pg_class child ON child.oid = k.conrelid
       JOIN pg_class parent ON parent.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = k.connamespace
      WHERE k.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  return rows.map((r) => [r.child, r.parent]);
}

/**
 * Transaction ids are per server. A pending outbox row keeps the id of the transaction that wrote
 * it (`outbox.tx`), and the relay publishes it only once `tx` is older than every running
 * transaction (pg_snapshot_xmin): copied as is from a server whose counter is ahead, it would hold
 * its lane until the target's counter caught up. Every writer of the source is stopped and
 * committed, so the copied rows are stamped just below the copy's own snapshot xmin: older than
 * anything running now or later, publishable at once even while unrelated long transactions run
 * on the target server. Their id order, which the relay publishes in, is kept.
 */
export async function restampPendingOutbox(client: Client, schema: string): Promise<number> {
  const result = await client.query(
    `UPDATE ${qualifiedName({ schema, table: 'outbox' })}
        SET tx = (pg_snapshot_xmin(pg_current_snapshot())::text::bigint - 1)::text::xid8
      WHERE published_at IS NULL`,
  );
  return result.rowCount ?? 0;
}
