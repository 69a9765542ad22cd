/** kafkajs' errors for a broker it cannot reach or that stopped answering */
const UNREACHABLE = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLeaderNotFound',
  'KafkaJSGroupCoordinatorNotFound',
]);
const SOCKET_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']);
/** kafkajs' KafkaJSNonRetriableError keeps only the message of what it wraps */
const UNREACHABLE_MESSAGE =
  /\b(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND)\b|^Connection (error|timeout)/;
const MAX_DEPTH = 4;

/**
 * Whether a consumer crashed because the brokers cannot be reached (refused, reset, timed out, no
 * coordinator), rather than for a reason of its own. kafkajs wraps the cause once it gave up
 * retrying (KafkaJSNumberOfRetriesExceeded, KafkaJSNonRetriableError), so the chain is followed.
 * Such a crash is waited out (logged as a warning, counted in consumers_waiting_on_infrastructure)
 * and the consumer restarted with back-off, never given up on (docs/adr/0017).
 */
export function brokerUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return false;
  const { name, code, message, originalError, cause } = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    originalError?: unknown;
    cause?: unknown;
  };
  if (typeof name === 'string' && UNREACHABLE.has(name)) return true;
  if (typeof code === 'string' && SOCKET_ERRNO.has(code)) return true;
  if (typeof message === 'string' && UNREACHABLE_MESSAGE.test(message)) return true;
  return brokerUnreachable(originalError, depth + 1) || brokerUnreachable(cause, depth + 1);
}
