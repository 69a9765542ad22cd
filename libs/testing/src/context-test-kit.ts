import { eventually } from './eventually';
import type { ContextTestApp } from './context-test-app';

/**
 * What every context's `<ctx>-test-kit.ts` needed for itself (the admin credential is in
 * admin-credential.ts): consumer retries fast enough for a test, and the two probes that tell a
 * test a consumer is done with an event (it is in the inbox) or gave up on it (it is in the dead
 * letters). `context` is the
 * context's name, which is also its schema.
 */

/** consumer retries in milliseconds instead of seconds, for the env of startContextTestApp */
export const FAST_RETRIES = { CONSUMER_RETRY_BASE_MS: '5', CONSUMER_RETRY_MAX_MS: '50' } as const;

/** waits until the context's consumer committed this event (its inbox row is visible) */
export async function eventuallyHandled(t: ContextTestApp, context: string, eventId: string): Promise<void> {
  await eventually(
    async () => (await t.db.query(`SELECT 1 FROM ${context}.inbox WHERE event_id = $1`, [eventId])).length,
    (count) => count === 1,
    { expected: `event ${eventId} handled by ${context}` },
  );
}

export interface DeadLetterSeen {
  readonly error_code: string;
  readonly attempts: number;
}

/** waits until the context dead-lettered this event, and says with which code after how many attempts */
export async function eventuallyDeadLettered(
  t: ContextTestApp,
  context: string,
  eventId: string,
): Promise<DeadLetterSeen> {
  const rows: DeadLetterSeen[] = await eventually(
    () => t.db.query(`SELECT error_code, attempts FROM ${context}.dead_letters WHERE event_id = $1`, [eventId]),
    (found: DeadLetterSeen[]) => found.length === 1,
    { expected: `a dead letter for event ${eventId} in ${context}` },
  );
  return rows[0];
}
