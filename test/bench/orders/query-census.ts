import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformProcess } from './platform-process';

/**
 * The bench side of query-census.preload.cjs: starts and ends the platform process's census of
 * the statements it sends (SIGUSR2), reads it, and groups statements by what they are for.
 */
export interface StatementCount {
  readonly sql: string;
  readonly calls: number;
  /** summed from the driver's query() call to its answer */
  readonly ms: number;
}

export function startCensus(platform: PlatformProcess): void {
  platform.signal('SIGUSR2');
}

/** ends the census and reads what the platform wrote; undefined if it wrote nothing within 5 s */
export async function endCensus(platform: PlatformProcess, file: string): Promise<StatementCount[] | undefined> {
  platform.signal('SIGUSR2');
  for (let waited = 0; waited < 5_000; waited += 50) {
    if (existsSync(file)) {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as StatementCount[];
      } catch {
        // caught mid-write: read again
      }
    }
    await sleep(50);
  }
  return undefined;
}

/** what a statement is for, from its text (libs/outbox, libs/messaging, TypeORM, or a context's own) */
export function purposeOf(sql: string): string {
  if (sql === 'START TRANSACTION' || sql === 'BEGIN') return 'begin';
  if (sql === 'COMMIT') return 'commit';
  if (sql === 'ROLLBACK') return 'rollback';
  if (sql.includes('pg_notify')) return 'outbox: pg_notify';
  if (sql.includes('pg_try_advisory_xact_lock')) return 'relay: lock lanes';
  if (sql.includes('pg_snapshot_xmin')) return 'relay: select pending';
  if (sql.includes('SET published_at')) return 'relay: mark published';
  if (/INSERT INTO \w+\.outbox/.test(sql)) return 'outbox: insert events';
  // one statement since issue 14: the heads and the records together
  if (sql.includes('partition_heads AS h') || sql.includes('INTO messaging.partition_heads')) return 'log append';
  if (sql.includes('FROM messaging.log')) return 'consumer: read log';
  if (sql.includes('INTO messaging.group_offsets')) return 'consumer: commit offset';
  if (sql.includes('FROM messaging.group_offsets')) return 'consumer: read offset';
  if (/INTO \w+\.inbox/.test(sql)) return 'consumer: inbox';
  const context = /"?(orders|inventory|payments|shipping|notifications|loyalty|analytics)"?\./.exec(sql);
  return context ? `${context[1]}: handlers and API` : 'other';
}

export function byPurpose(census: readonly StatementCount[]): StatementCount[] {
  const groups = new Map<string, { sql: string; calls: number; ms: number }>();
  for (const c of census) {
    const purpose = purposeOf(c.sql);
    const g = groups.get(purpose) ?? { sql: purpose, calls: 0, ms: 0 };
    g.calls += c.calls;
    g.ms += c.ms;
    groups.set(purpose, g);
  }
  return [...groups.values()].sort((a, b) => b.calls - a.calls);
}
