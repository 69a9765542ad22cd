import { maskUrl } from './mask-url';
import type { MovePlan } from './move-plan';

export interface TableVerification {
  readonly table: string;
  readonly sourceRows: number;
  readonly targetRows: number;
  /** the source's checksum (md5 of the sorted row hashes) */
  readonly checksum: string;
  readonly matches: boolean;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatVerification(rows: readonly TableVerification[]): string {
  const width = Math.max(5, ...rows.map((r) => r.table.length));
  const lines = ['verified (row count and checksum of every row, on both sides):'];
  lines.push(
    `  ${'table'.padEnd(width)}  ${'source'.padStart(10)}  ${'target'.padStart(10)}  checksum                          match`,
  );
  for (const r of rows)
    lines.push(
      `  ${r.table.padEnd(width)}  ${String(r.sourceRows).padStart(10)}  ${String(r.targetRows).padStart(10)}  ` +
        `${r.checksum}  ${r.matches ? 'yes' : 'NO'}`,
    );
  return lines.join('\n');
}

export function nextSteps(done: {
  context: string;
  to: string;
  pauseMs: number;
  totalMs: number;
  plan: MovePlan;
}): string {
  const { context } = done;
  const rows = done.plan.tables.reduce((sum, t) => sum + t.rows, 0);
  return [
    `copied ${rows} rows in ${done.plan.tables.length} tables; total ${seconds(done.totalMs)}`,
    `pause: ${context} had to stay stopped for ${seconds(done.pauseMs)} of this command (from the check that it ` +
      'was stopped to the verified commit), plus the time it took you to stop it and will take to restart it',
    '',
    `next: restart the ${context} process with the setting below (${maskUrl(done.to)} with its real password).`,
    `The source schema ${context} is left as it was: drop it (DROP SCHEMA ${context} CASCADE) once you are satisfied.`,
    `To move back, run the same command with --from and --to swapped (and --force, since the old copy is still there).`,
    `On the in-process transport the ${context} process keeps DATABASE_URL (or MESSAGING_DATABASE_URL) on the messaging log; on Kafka its database is all it needs.`,
    '',
    'the setting:',
  ].join('\n');
}
