import { Client } from 'pg';

/**
 * What the database did for a phase, from PostgreSQL's cumulative statistics of the scratch
 * database: transactions, and rows written per table. Backends flush these counters when they
 * exit, so a snapshot is taken on a fresh connection after the platform process has stopped.
 */
export interface DbActivity {
  readonly commits: number;
  readonly rollbacks: number;
  /** per schema.table: rows inserted, updated (HOT or not) and deleted */
  readonly tables: ReadonlyMap<string, { ins: number; upd: number; del: number }>;
}

export async function dbActivity(url: string): Promise<DbActivity> {
  const client = new Client({ connectionString: url, application_name: 'bench:orders stats' });
  await client.connect();
  try {
    const db = await client.query<{ c: string; r: string }>(
      `SELECT xact_commit AS c, xact_rollback AS r FROM pg_stat_database WHERE datname = current_database()`,
    );
    const tables = await client.query<{ name: string; ins: string; upd: string; del: string }>(
      `SELECT schemaname || '.' || relname AS name, n_tup_ins AS ins, n_tup_upd AS upd, n_tup_del AS del
         FROM pg_stat_user_tables`,
    );
    return {
      commits: Number(db.rows[0].c),
      rollbacks: Number(db.rows[0].r),
      tables: new Map(tables.rows.map((t) => [t.name, { ins: Number(t.ins), upd: Number(t.upd), del: Number(t.del) }])),
    };
  } finally {
    await client.end();
  }
}

export interface TableWrites {
  readonly table: string;
  readonly ins: number;
  readonly upd: number;
  readonly del: number;
}

/** after minus before; tables that were not written are left out, the most written first */
export function activityBetween(before: DbActivity, after: DbActivity): DbActivity & { writes: TableWrites[] } {
  const writes: TableWrites[] = [];
  for (const [table, a] of after.tables) {
    const b = before.tables.get(table) ?? { ins: 0, upd: 0, del: 0 };
    const w = { table, ins: a.ins - b.ins, upd: a.upd - b.upd, del: a.del - b.del };
    if (w.ins + w.upd + w.del > 0) writes.push(w);
  }
  writes.sort((x, y) => y.ins + y.upd + y.del - (x.ins + x.upd + x.del));
  return {
    commits: after.commits - before.commits,
    rollbacks: after.rollbacks - before.rollbacks,
    tables: after.tables,
    writes,
  };
}
