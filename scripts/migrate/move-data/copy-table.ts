import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { copyInSql, copyOutSql, type TableShape } from './table-sql';

/** tables with more rows than this report their progress on stderr */
export const PROGRESS_ABOVE_ROWS = 50_000;
const PROGRESS_EVERY_MS = 1_000;

/**
 * Streams one table from the source's snapshot into the target's transaction: COPY TO STDOUT
 * piped into COPY FROM STDIN, in COPY's text format (portable across PostgreSQL versions), never
 * held in memory. Returns the rows the target took in.
 */
export async function copyTable(
  source: Client,
  target: Client,
  shape: TableShape,
  expectedRows: number,
  progress: (line: string) => void,
): Promise<number> {
  const out = source.query(copyTo(copyOutSql(shape)));
  const into = target.query(copyFrom(copyInSql(shape)));
  await pipeline(out, progressCounter(shape.table, expectedRows, progress), into);
  return into.rowCount;
}

/** counts rows as they pass (one line per row in COPY text: newlines inside values are escaped) */
export function progressCounter(
  table: string,
  expected: number,
  progress: (line: string) => void,
  everyMs = PROGRESS_EVERY_MS,
): Transform {
  let rows = 0;
  let lastReport = Date.now();
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows += 1;
      if (expected > PROGRESS_ABOVE_ROWS && Date.now() - lastReport >= everyMs) {
        lastReport = Date.now();
        progress(`  ${table}: ${rows} of ${expected} rows (${Math.floor((100 * rows) / expected)}%)`);
      }
      done(null, chunk);
    },
  });
}
