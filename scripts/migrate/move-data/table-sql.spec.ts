import { checksumSql, copyInSql, copyOutSql, quoteIdent } from './table-sql';

const shape = { schema: 'payments', table: 'processor_calls', columns: ['id', 'order_id', 'offset'] };

describe('the SQL a move runs per table', () => {
  it('quotes every identifier, doubling embedded quotes', () => {
    expect(quoteIdent('offset')).toBe('"offset"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
  });

  it('copies out through a SELECT of the named columns and in with the same columns, in the same order', () => {
    expect(copyOutSql(shape)).toBe(
      'COPY (SELECT "id", "order_id", "offset" FROM "payments"."processor_calls") TO STDOUT',
    );
    expect(copyInSql(shape)).toBe('COPY "payments"."processor_calls" ("id", "order_id", "offset") FROM STDIN');
  });

  it('checksums the rows by the md5 of their sorted row hashes, in byte order, with the count beside it', () => {
    const sql = checksumSql(shape);
    expect(sql).toContain('md5(ROW("id", "order_id", "offset")::text) AS h FROM "payments"."processor_calls"');
    expect(sql).toContain(`string_agg(h, '' ORDER BY h COLLATE "C")`);
    expect(sql).toContain('count(*)::bigint AS rows');
    // an empty table has a checksum too (the md5 of nothing), so two empty tables match
    expect(sql).toContain(`coalesce(string_agg(h, '' ORDER BY h COLLATE "C"), '')`);
  });
});
