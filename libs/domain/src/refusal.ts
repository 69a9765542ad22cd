/**
 * Why a command was not carried out. Command handlers return a refusal instead of throwing an
 * adapter's error, so the same use case can be started over HTTP, by an event or from a CLI:
 * each adapter maps it (HTTP: problem+json with a status from its kind; an event: a permanent
 * failure that dead-letters with its code). The code is stable (`INVENTORY.DUPLICATE_SKU`):
 * clients, dashboards and dead-letter filters match on it.
 */
export type RefusalKind = 'invalid' | 'not-found' | 'conflict';

export interface RefusedField {
  readonly field: string;
  readonly problems: readonly string[];
}

export class Refusal {
  constructor(
    readonly kind: RefusalKind,
    readonly code: string,
    readonly detail: string,
    readonly errors?: readonly RefusedField[],
  ) {}

  static invalid(code: string, detail: string, errors?: readonly RefusedField[]): Refusal {
    return new Refusal('invalid', code, detail, errors);
  }

  static notFound(code: string, detail: string): Refusal {
    return new Refusal('not-found', code, detail);
  }

  static conflict(code: string, detail: string): Refusal {
    return new Refusal('conflict', code, detail);
  }
}

/** what a command handler returns: its result, or why it refused */
export type Refusable<T> = T | Refusal;

export function isRefusal(value: unknown): value is Refusal {
  return value instanceof Refusal;
}
