import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

/**
 * The benchmark's own connection to the platform's database, for what HTTP would make slow or
 * inexact: whether an order left PENDING, its timeline, whether the pipeline has gone quiet.
 * Read-only; every statement is counted so the database activity figures can leave them out.
 */
export interface TimelineTimes {
  readonly orderId: string;
  /** epoch ms of the PLACED entry (the platform's clock at the start of the placing transaction) */
  readonly placedAt: number;
  /** epoch ms of the CONFIRMED entry, if any (the clock at the start of the confirming step) */
  readonly confirmedAt?: number;
}

export class PlatformDb {
  /** statements this connection ran: each is one transaction in pg_stat_database */
  statements = 0;

  private constructor(
    private readonly client: Client,
    /** PGlite inside the platform process: no server backends, no pg_stat_activity worth sampling */
    readonly embedded: boolean,
  ) {}

  static async open(url: string, embedded = false): Promise<PlatformDb> {
    const client = new Client({ connectionString: url, application_name: 'bench:orders' });
    await client.connect();
    return new PlatformDb(client, embedded);
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.statements += 1;
    return (await this.client.query(sql, params)).rows as T[];
  }

  /** of these orders, the ones no longer PENDING, and what they became */
  async settledAmong(ids: readonly string[]): Promise<Array<{ id: string; status: string }>> {
    return this.query(
      `SELECT id::text AS id, status FROM orders.orders WHERE id = ANY($1::uuid[]) AND status <> 'PENDING'`,
      [ids],
    );
  }

  async pendingOrders(): Promise<number> {
    const [row] = await this.query<{ n: string }>(`SELECT count(*) AS n FROM orders.orders WHERE status = 'PENDING'`);
    return Number(row.n);
  }

  async statusesOf(ids: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.query<{ status: string; n: string }>(
      `SELECT status || coalesce(' (' || cancel_reason || ')', '') AS status, count(*) AS n
         FROM orders.orders WHERE id = ANY($1::uuid[]) GROUP BY 1 ORDER BY 2 DESC`,
      [ids],
    );
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  }

  async timelines(ids: readonly string[]): Promise<TimelineTimes[]> {
    const rows = await this.query<{ id: string; placed: number; confirmed: number | null }>(
      `SELECT p.order_id::text AS id,
              extract(epoch FROM p.at)::float8 * 1000 AS placed,
              extract(epoch FROM c.at)::float8 * 1000 AS confirmed
         FROM orders.order_timeline p
         LEFT JOIN orders.order_timeline c ON c.order_id = p.order_id AND c.kind = 'CONFIRMED'
        WHERE p.kind = 'PLACED' AND p.order_id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => ({ orderId: r.id, placedAt: r.placed, confirmedAt: r.confirmed ?? undefined }));
  }

  /** the server processes serving the platform's connections (not this one's) */
  async backendPids(): Promise<number[]> {
    const rows = await this.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND backend_type = 'client backend'
          AND application_name NOT LIKE 'bench:%'`,
    );
    return rows.map((r) => r.pid);
  }

  async waitForPriceList(sku: string, timeoutMs = 20_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (performance.now() < deadline) {
      const rows = await this.query(`SELECT 1 FROM orders.price_list WHERE sku = $1`, [sku]);
      if (rows.length === 1) return;
      await sleep(25);
    }
    throw new Error(`${sku} did not reach the orders price list within ${timeoutMs} ms`);
  }

  /**
   * Waits until every context's outbox is published and every consumer group has committed up to
   * the head of each partition it reads, twice in a row: the side effects of the phase are done.
   */
  async waitQuiet(timeoutMs = 60_000): Promise<{ quiet: boolean; backlog: number; ms: number }> {
    const started = performance.now();
    const outboxes = await this.query<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'outbox'`,
    );
    const pendingSql = outboxes
      .map((o) => `SELECT count(*) AS n FROM "${o.schema}".outbox WHERE published_at IS NULL`)
      .concat(
        `SELECT coalesce(sum(GREATEST(h.next_offset - o.committed_offset, 0)), 0) AS n
           FROM messaging.group_offsets o JOIN messaging.partition_heads h USING (topic, partition)`,
      )
      .join(' UNION ALL ');
    let quietPolls = 0;
    let backlog = 0;
    while (performance.now() - started < timeoutMs) {
      const rows = await this.query<{ n: string }>(pendingSql);
      backlog = rows.reduce((sum, r) => sum + Number(r.n), 0);
      quietPolls = backlog === 0 ? quietPolls + 1 : 0;
      if (quietPolls >= 2) return { quiet: true, backlog, ms: performance.now() - started };
      await sleep(100);
    }
    return { quiet: false, backlog, ms: performance.now() - started };
  }
}
