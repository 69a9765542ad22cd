import { connectionLossOf } from '@platform/database';
import { isRefusal, type Refusable, type Refusal } from '@platform/domain';
import { SchemaRegistryUnavailableError, UndeliverableEventError } from '@platform/events';

/**
 * A business rule that will never pass: throw this from a handler to dead-letter the event at
 * once instead of retrying it.
 */
export class PermanentFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentFailure';
  }

  /** a command handler's refusal, as the permanent failure that dead-letters the event with its code */
  static of(refusal: Refusal): PermanentFailure {
    return new PermanentFailure(refusal.code, refusal.detail);
  }
}

/** The event adapter's one line: the result, or the refusal thrown as a permanent failure. */
export function orPermanentFailure<T>(result: Refusable<T>): T {
  if (isRefusal(result)) throw PermanentFailure.of(result);
  return result;
}

export interface FailureClass {
  readonly permanent: boolean;
  /** stable, low-cardinality: a metric label and a dead-letter filter */
  readonly code: string;
  /**
   * A connection-class failure (lost, refused, starting up, shutting down, too many connections):
   * the pipeline asks the consumer's database whether it answers, and waits for it when it does
   * not, without counting the attempt (docs/adr/0017-infrastructure-failures-wait.md).
   */
  readonly connection?: true;
}

/** a stable error code as the platform writes them: `DOMAIN.NAME` in capitals (`PAYMENTS.PROCESSOR_UNAVAILABLE`) */
const STABLE_CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;

/**
 * Permanent: undecodable or invalid records (a schema id the registry does not know included),
 * unknown contracts, PermanentFailure. Everything else is retried (deadlocks, serialization
 * failures, lost connections, timeouts, an unavailable schema registry, and bugs too, which a
 * deploy may fix); what exhausts its attempts is dead-lettered, except a database that does not
 * answer, which the pipeline waits out (`connection`).
 * The code is the error's own stable code when it carries one (`readonly code =
 * 'PAYMENTS.PROCESSOR_UNAVAILABLE'`), else `ERROR.<class name>`: never a SQLSTATE or an errno.
 */
export function classifyFailure(error: unknown): FailureClass {
  if (error instanceof UndeliverableEventError || error instanceof PermanentFailure) {
    return { permanent: true, code: error.code };
  }
  if (error instanceof SchemaRegistryUnavailableError) return { permanent: false, code: error.code };
  const pgCode =
    (error as { code?: unknown; driverError?: { code?: unknown } })?.driverError?.code ??
    (error as { code?: unknown })?.code;
  if (pgCode === '40P01') return { permanent: false, code: 'DB.DEADLOCK' };
  if (pgCode === '40001') return { permanent: false, code: 'DB.SERIALIZATION' };
  const connectionLoss = connectionLossOf(error);
  if (connectionLoss) return { permanent: false, code: connectionLoss, connection: true };
  const own = (error as { code?: unknown })?.code;
  if (typeof own === 'string' && STABLE_CODE.test(own)) return { permanent: false, code: own };
  return { permanent: false, code: error instanceof Error ? `ERROR.${error.name}` : 'ERROR.UNKNOWN' };
}
