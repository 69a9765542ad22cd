/**
 * The SQL the move runs per table, built from the table's name and columns (read from the
 * catalogue, never typed by a user) with every identifier quoted. Pure, so the statements can be
 * checked without a database.
 */
export interface TableShape {
  readonly schema: string;
  readonly table: string;
  /** the stored columns in order (generated columns left out: the target computes its own) */
  readonly columns: readonly string[];
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function qualifiedName(shape: Pick<TableShape, 'schema' | 'table'>): string {
  return `${quoteIdent(shape.schema)}.${quoteIdent(shape.table)}`;
}

function columnList(shape: TableShape): string {
  return shape.columns.map(quoteIdent).join(', ');
}

/** the source side: the table's rows as COPY text, read within the transaction's snapshot */
export function copyOutSql(shape: TableShape): string {
  // the SELECT form also reads a partitioned table (plain COPY t TO only reads a plain table)
  return `COPY (SELECT ${columnList(shape)} FROM ${qualifiedName(shape)}) TO STDOUT`;
}

/** the target side: the same columns, in the same order, in COPY text */
export function copyInSql(shape: TableShape): string {
  return `COPY ${qualifiedName(shape)} (${columnList(shape)}) FROM STDIN`;
}

/**
 * Row count and a checksum of a table's content, computed the same way on both servers: the md5
 * of each row's text, those hashes sorted (byte order, COLLATE "C") and concatenated, and the md5
 * of that. Ordering by the rows' own hashes needs no primary key and does not depend on either
 * server's collation, which may sort text keys differently. The session settings that shape a
 * value's text (time zone, date style...) are pinned by SESSION_SETTINGS on both sides.
 */
export function checksumSql(shape: TableShape): string {
  const rowText = `ROW(${columnList(shape)})::text`;
  return (
    `SELECT count(*)::bigint AS rows, md5(coalesce(string_agg(h, '' ORDER BY h COLLATE "C"), '')) AS checksum ` +
    `FROM (SELECT md5(${rowText}) AS h FROM ${qualifiedName(shape)}) AS hashed`
  );
}

/** what shapes a value's text output, set alike on both connections so text and checksums compare */
export const SESSION_SETTINGS = [
  `SET TIME ZONE 'UTC'`,
  `SET DateStyle = 'ISO, YMD'`,
  `SET IntervalStyle = 'postgres'`,
  `SET extra_float_digits = 3`,
  `SET bytea_output = 'hex'`,
];
