import type { Environment } from '@platform/config';
import { DataSource } from 'typeorm';
import { contextDataSourceOptions, databaseUrlFor } from '@platform/database';
import { HandoverSource, IN_PROCESS_LOG_MIGRATIONS, MESSAGING_SCHEMA } from '@platform/messaging';
import { CannotRun, Refusal } from '../exit-codes';

/** the in-process log, opened as the platform resolves it, on one connection (see otherLogSessions) */
export interface MessagingLog {
  readonly db: DataSource;
  readonly source: HandoverSource;
  /** the database, password hidden, for messages */
  readonly where: string;
  close(): Promise<void>;
}

export async function openMessagingLog(env: Environment): Promise<MessagingLog> {
  const url = databaseUrlFor(MESSAGING_SCHEMA, env);
  if (!url)
    throw new CannotRun(
      'no DATABASE_URL (or MESSAGING_DATABASE_URL): the in-process log is in the embedded PGlite under ./data. ' +
        'A hand-over needs the PostgreSQL server the single binary runs on (stage 2 of docs/deploy.md); ' +
        'the embedded database is for a laptop, where draining before switching is the simpler way',
    );
  const where = redact(url);
  const db = new DataSource(
    contextDataSourceOptions(
      { url, embedded: false, release: async () => undefined },
      { context: MESSAGING_SCHEMA, migrations: IN_PROCESS_LOG_MIGRATIONS },
      1,
    ),
  );
  await db.initialize().catch((error: Error) => {
    throw new CannotRun(`cannot connect to ${where}: ${error.message}`);
  });
  const close = () => db.destroy();
  const [{ ready }]: Array<{ ready: boolean }> = await db.query(
    `SELECT to_regclass('${MESSAGING_SCHEMA}.handover') IS NOT NULL AS ready`,
  );
  if (!ready) {
    await close();
    throw new Refusal(
      `the in-process log at ${where} has no ${MESSAGING_SCHEMA}.handover table: it was last run by an older version ` +
        '(or never). Start the single binary once with this version, stop it, then hand over',
    );
  }
  return { db, source: new HandoverSource(db, MESSAGING_SCHEMA), where, close };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the database';
  }
}
