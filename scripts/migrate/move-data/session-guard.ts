import type { Client } from 'pg';

/**
 * The sessions through which a running context writes its schema, found by the application name
 * the platform gives them (contextDataSourceOptions: `order-platform:<context>`; the outbox
 * listener: `order-platform:listen:outbox_<context>`). A running context always has some: its
 * relay polls its outbox every OUTBOX_IDLE_POLL_MS. It is a guard against a forgotten process,
 * not a lock: stopping the context is the operator's step, and the move checks it again at the end.
 */
export function contextApplicationNames(context: string): string[] {
  return [`order-platform:${context}`, `order-platform:listen:outbox_${context}`];
}

export interface ContextSession {
  readonly pid: number;
  readonly client: string;
  readonly applicationName: string;
}

/**
 * How long a session may take to go: a process that has just exited leaves its sessions in
 * pg_stat_activity until their server backends notice the closed connection, so "stop it, then
 * move" run back to back (a script, a test) would otherwise be refused for a process already gone.
 */
const SESSIONS_CLOSE_WITHIN_MS = 2_000;

/** the context's sessions, once those of a process that just stopped have had time to go */
export async function contextSessions(
  client: Client,
  context: string,
  closeWithinMs = SESSIONS_CLOSE_WITHIN_MS,
): Promise<ContextSession[]> {
  const deadline = Date.now() + closeWithinMs;
  for (;;) {
    const sessions = await openSessions(client, context);
    if (sessions.length === 0 || Date.now() >= deadline) return sessions;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function openSessions(client: Client, context: string): Promise<ContextSession[]> {
  const { rows } = await client.query<{ pid: number; client: string | null; application_name: string }>(
    `SELECT pid, client_addr::text AS client, application_name
       FROM pg_stat_activity
      WHERE datname = current_database() AND application_name = ANY($1) AND pid <> pg_backend_pid()
      ORDER BY pid`,
    [contextApplicationNames(context)],
  );
  return rows.map((r) => ({ pid: r.pid, client: r.client ?? 'local socket', applicationName: r.application_name }));
}

export function describeSessions(context: string, where: string, sessions: readonly ContextSession[]): string {
  const list = sessions.map((s) => `pid ${s.pid} from ${s.client} (${s.applicationName})`).join(', ');
  return (
    `${context} is running on the ${where} database: ${sessions.length} session(s) ${list}. ` +
    `Stop every process that runs ${context} (or restart the monolith without it, CONTEXTS=...) and move again`
  );
}
