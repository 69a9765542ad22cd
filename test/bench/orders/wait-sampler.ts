import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformDb } from './platform-db';

/**
 * What the platform's database sessions are doing, sampled from pg_stat_activity every
 * `intervalMs`: running a statement, waiting for a lock, for the WAL flush, or idle in a
 * transaction while Node prepares the next statement. Counted per sample and session, so a
 * share is "of the sessions' time". The benchmark's own sessions are left out.
 */
export class WaitSampler {
  readonly counts = new Map<string, number>();
  samples = 0;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly db: PlatformDb,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  /** per state and statement, the share of sampled session-time, biggest first; `idle` (no transaction open) left out */
  shares(): Array<{ state: string; sessions: number; share: number }> {
    return this.sharesOf([...this.counts].filter(([state]) => state !== 'idle'));
  }

  /** the same, per state alone (the statements summed) */
  sharesByState(): Array<{ state: string; sessions: number; share: number }> {
    const byState = new Map<string, number>();
    for (const [key, n] of this.counts) {
      const state = key.split(' | ')[0];
      if (state !== 'idle') byState.set(state, (byState.get(state) ?? 0) + n);
    }
    return this.sharesOf([...byState]);
  }

  private sharesOf(busy: Array<[string, number]>): Array<{ state: string; sessions: number; share: number }> {
    const total = busy.reduce((sum, [, n]) => sum + n, 0);
    return busy
      .map(([state, n]) => ({ state, sessions: n / Math.max(1, this.samples), share: n / Math.max(1, total) }))
      .sort((a, b) => b.share - a.share);
  }

  /** mean sessions per sample that were idle (no transaction open) */
  idleSessions(): number {
    return (this.counts.get('idle') ?? 0) / Math.max(1, this.samples);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const rows = await this.db.query<{ state: string; n: string }>(
        `SELECT CASE
                  WHEN state = 'active' AND wait_event IS NOT NULL THEN 'waiting ' || wait_event_type || ':' || wait_event
                  WHEN state = 'active' THEN 'running'
                  WHEN state = 'idle in transaction' THEN 'in a transaction, waiting for Node'
                  ELSE coalesce(state, 'unknown')
                END
                || CASE WHEN state = 'idle' THEN '' ELSE ' | ' || left(regexp_replace(query, '[[:space:]]+', ' ', 'g'), 80) END AS state,
                count(*) AS n
           FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend'
            AND application_name NOT LIKE 'bench:%' AND pid <> pg_backend_pid()
          GROUP BY 1`,
      );
      this.samples += 1;
      for (const r of rows) this.counts.set(r.state, (this.counts.get(r.state) ?? 0) + Number(r.n));
      await sleep(this.intervalMs);
    }
  }
}
