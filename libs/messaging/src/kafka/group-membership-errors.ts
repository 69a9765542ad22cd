/**
 * Broker errors that mean "this member must rejoin the group", not "this consumer is broken".
 * kafkajs rejoins when one of these reaches its fetch loop as is; but a commit made through
 * its retrier comes back wrapped in KafkaJSNonRetriableError, which it no longer recognises:
 * the consumer then crashes for good (seen on the test broker in every run; docs/adr/0010).
 */
const REJOIN_TYPES = new Set([
  'REBALANCE_IN_PROGRESS',
  'ILLEGAL_GENERATION',
  'UNKNOWN_MEMBER_ID',
  'NOT_COORDINATOR_FOR_GROUP',
]);

interface MaybeKafkaError {
  readonly type?: unknown;
  readonly cause?: unknown;
}

/** the error in `error`'s cause chain that asks for a rejoin, if any */
export function rejoinCause(error: unknown): Error | undefined {
  for (let current = error as MaybeKafkaError | undefined, depth = 0; current && depth < 10; depth += 1) {
    if (typeof current.type === 'string' && REJOIN_TYPES.has(current.type)) return current as unknown as Error;
    current = current.cause as MaybeKafkaError | undefined;
  }
  return undefined;
}

/** runs a commit; a refusal because the group rebalances is rethrown unwrapped, so kafkajs rejoins */
export async function commitOrRejoin(commit: () => Promise<void>): Promise<void> {
  try {
    await commit();
  } catch (error) {
    throw rejoinCause(error) ?? error;
  }
}
