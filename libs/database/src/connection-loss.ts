/**
 * Is this error a lost (or unobtainable) database connection? Such a failure is transient: the
 * transaction it interrupted rolled back, the pool opens a new connection, and the same work
 * succeeds when tried again. The consumer pipeline retries it; HTTP answers 503 with Retry-After.
 *
 * How it shows, by where the connection died:
 * - a query in flight: PostgreSQL's SQLSTATE (class 08 connection exception; 57P01 admin shutdown
 *   when pg_terminate_backend ends the session, 57P02 crash shutdown, 57P03 cannot connect now;
 *   53300 too many connections), on the error or as TypeORM's `QueryFailedError.driverError`;
 * - the socket: node-postgres' own messages ("Connection terminated unexpectedly", ...) or the
 *   socket's errno;
 * - between two statements of a transaction: TypeORM releases the query runner and says only
 *   "already released"; TransactionRunner turns that into a DatabaseConnectionLostError.
 */
export type ConnectionLoss = 'DB.CONNECTION' | 'NET.CONNECTION';

/** class 08, 57Pxx (the server ended or refuses the session), 53300 too_many_connections */
const CONNECTION_SQLSTATE = /^(08[0-9A-Z]{3}|57P[0-9A-Z]{2}|53300)$/;
const SOCKET_ERRNO = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE']);
/** node-postgres (pg 8, pg-pool 3) says these without a code */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
];
/** how deep to follow `driverError` / `cause` / AggregateError's `errors` */
const MAX_DEPTH = 4;

/** A transaction's connection died while it was idle between statements; nothing was committed. */
export class DatabaseConnectionLostError extends Error {
  /** `cause`: what the connection reported; `surfacedAs`: what the transaction's next step threw */
  constructor(
    cause: unknown,
    readonly surfacedAs: unknown,
  ) {
    super(`the database connection was lost mid-transaction, nothing was committed: ${messageOf(cause)}`, { cause });
    this.name = 'DatabaseConnectionLostError';
  }
}

/** the kind of connection loss this error is, or undefined when it is something else */
export function connectionLossOf(error: unknown): ConnectionLoss | undefined {
  return lossWithin(error, 0);
}

export function isConnectionLoss(error: unknown): boolean {
  return connectionLossOf(error) !== undefined;
}

/**
 * A connection still lost after this many failures in a row is logged as an error. The loops that
 * count (the relays from 200 ms, the in-process partition workers from 400 ms) double their
 * back-off up to 30 s, so eight failures are about 50 s: a long outage, as LONG_OUTAGE_MS is for
 * the loops on a timer. Five, as before, were 3 s of a relay: a restart of the server is longer.
 */
const CONNECTION_LOSS_WARNINGS = 8;

/**
 * Whether a background loop (a relay, a consumer) should log this failure as a warning: a lost
 * connection is expected now and then (a failover, a restart, a killed session), the loop retries
 * on a new connection and loses nothing. Anything else, or a connection that stays lost, is an error.
 */
export function isPassingConnectionLoss(error: unknown, failuresInARow: number): boolean {
  return isConnectionLoss(error) && failuresInARow < CONNECTION_LOSS_WARNINGS;
}

/**
 * A database that has not answered for this long is no longer a passing restart or failover:
 * the loops that wait for it log an error from then on (see `retriedFailureLevel`).
 */
export const LONG_OUTAGE_MS = 60_000;

/**
 * How loudly a background loop that retries on a timer (the in-process offset committer, the
 * saga sweeper) logs a failure: a lost or refused connection is a warning while the outage is
 * shorter than LONG_OUTAGE_MS (a restart of the server takes seconds, and the loop loses
 * nothing), then an error; any other failure is an error at once. `outageMs`: how long the loop
 * has been failing in a row.
 */
export function retriedFailureLevel(error: unknown, outageMs: number): 'warn' | 'error' {
  return isConnectionLoss(error) && outageMs < LONG_OUTAGE_MS ? 'warn' : 'error';
}

function lossWithin(error: unknown, depth: number): ConnectionLoss | undefined {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return undefined;
  if (error instanceof DatabaseConnectionLostError) return 'DB.CONNECTION';
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && CONNECTION_SQLSTATE.test(code)) return 'DB.CONNECTION';
  if (typeof code === 'string' && SOCKET_ERRNO.has(code)) return 'NET.CONNECTION';
  if (typeof message === 'string' && PG_CONNECTION_MESSAGES.includes(message)) return 'DB.CONNECTION';
  const { driverError, cause, errors } = error as { driverError?: unknown; cause?: unknown; errors?: unknown };
  const inner = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  for (const wrapped of inner) {
    const loss = lossWithin(wrapped, depth + 1);
    if (loss) return loss;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
