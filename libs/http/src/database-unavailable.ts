import { connectionLossOf } from '@platform/database';

/**
 * A lost or unobtainable database connection is transient for the client: the transaction it
 * interrupted rolled back (atomic: never half a write), and the same request succeeds once the
 * pool has a connection again. So it is a 503 with Retry-After and a stable code, not a 500, and
 * a warning in the log, not an error: the platform recovers by itself.
 */
export const DATABASE_UNAVAILABLE = 'DATABASE.UNAVAILABLE';
/** what a client is told to wait before it tries again (s); the pools reconnect within that */
export const DATABASE_RETRY_AFTER_SECONDS = 1;
export const DATABASE_UNAVAILABLE_DETAIL =
  'The database connection was lost or could not be opened, so the request could not be completed. Retry later.';

/** the log line of a lost connection: what failed and what it wraps, without a stack */
export function describeConnectionLoss(exception: unknown): string {
  const parts: string[] = [];
  let current: unknown = exception;
  for (let depth = 0; current instanceof Error && depth < 4; depth += 1) {
    const { name, message } = current;
    const code = (current as { code?: unknown }).code;
    const coded = typeof code === 'string' ? ` [${code}]` : '';
    // a wrapper (QueryFailedError, DatabaseConnectionLostError) repeats what it wraps: say it once
    if (!parts.some((part) => part.includes(message))) parts.push(`${name}${coded}: ${message}`);
    const { driverError, cause } = current as { driverError?: unknown; cause?: unknown };
    current = driverError ?? cause;
  }
  const described = parts.length > 0 ? parts.join(' <- ') : String(exception);
  return `${connectionLossOf(exception) ?? 'DB.CONNECTION'}: ${described}`;
}
