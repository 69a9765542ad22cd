import { DeadLetterRefusal } from './dead-letter';

/**
 * Where a page of dead letters ended. Letters live in one table per context, possibly in
 * different databases, so the order is (last failure, context, id), newest first, and the
 * cursor carries all three; the time in microseconds, as PostgreSQL keeps it, so no letter
 * with the same millisecond is skipped or shown twice.
 */
export interface DeadLetterCursor {
  readonly failedAtMicros: bigint;
  readonly context: string;
  readonly id: bigint;
}

export function encodeDeadLetterCursor(cursor: DeadLetterCursor): string {
  const json = JSON.stringify([cursor.failedAtMicros.toString(), cursor.context, cursor.id.toString()]);
  return Buffer.from(json).toString('base64url');
}

const MAX_BIGINT = 9_223_372_036_854_775_807n;

export function decodeDeadLetterCursor(text: string): DeadLetterCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed.every((part) => typeof part === 'string') &&
      /^\d{1,19}$/.test(parsed[0]) &&
      /^\d{1,19}$/.test(parsed[2])
    ) {
      const [failedAtMicros, id] = [BigInt(parsed[0]), BigInt(parsed[2])];
      // 19 digits go beyond PostgreSQL's bigint: keep to what the columns hold
      if (failedAtMicros <= MAX_BIGINT && id <= MAX_BIGINT) return { failedAtMicros, context: parsed[1], id };
    }
  } catch {
    // falls through to the refusal
  }
  throw new DeadLetterRefusal('invalid', 'DEAD_LETTER.BAD_CURSOR', 'cursor is not one this API returned');
}

/** newest first: later failure, then greater context name, then greater id */
export function compareNewestFirst(a: DeadLetterCursor, b: DeadLetterCursor): number {
  if (a.failedAtMicros !== b.failedAtMicros) return a.failedAtMicros > b.failedAtMicros ? -1 : 1;
  if (a.context !== b.context) return a.context > b.context ? -1 : 1;
  if (a.id !== b.id) return a.id > b.id ? -1 : 1;
  return 0;
}
