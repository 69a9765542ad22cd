/** A dead letter as operators see it (the API and the CLI): plain data, times as ISO-8601. */
export const DEAD_LETTER_STATUSES = ['pending', 'resolved', 'redriven', 'discarded'] as const;
export type DeadLetterStatus = (typeof DEAD_LETTER_STATUSES)[number];

export interface DeadLetterSummary {
  /** the context whose dead_letters table holds it (its schema); with `id`, what names a letter */
  readonly context: string;
  readonly id: string;
  readonly group: string;
  readonly topic: string;
  readonly partition: number | null;
  readonly offset: string | null;
  readonly key: string | null;
  readonly eventId: string | null;
  readonly eventType: string | null;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly attempts: number;
  readonly firstFailedAt: string;
  readonly lastFailedAt: string;
  readonly status: DeadLetterStatus;
  readonly resolvedAt: string | null;
  readonly resolution: string | null;
  /** the letter this one was re-driven from, when a re-drive failed again */
  readonly redrivenFrom: string | null;
  readonly valueBytes: number;
  /**
   * the list's cursor that continues after this letter: its place in the order every process
   * shares, so a client that asks several processes can merge their pages (the console does)
   */
  readonly cursor: string;
}

export interface DeadLetterDetails extends DeadLetterSummary {
  readonly headers: Readonly<Record<string, string>>;
  /** the record's value byte for byte */
  readonly valueBase64: string;
  readonly errorClass: string | null;
  readonly errorStack: string | null;
}

/** Which letters an operator means; every field narrows, none means all. */
export interface DeadLetterFilter {
  readonly context?: string;
  readonly group?: string;
  readonly topic?: string;
  readonly errorCode?: string;
  /** the record's key: the aggregate id, so an order id finds that order's letters */
  readonly key?: string;
  readonly status?: DeadLetterStatus;
  /** last failure at or after */
  readonly from?: Date;
  /** last failure before */
  readonly to?: Date;
}

/** Why an operation on dead letters was refused; the HTTP layer maps `kind` to 400, 404 or 409. */
export class DeadLetterRefusal extends Error {
  constructor(
    readonly kind: 'invalid' | 'not_found' | 'conflict',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeadLetterRefusal';
  }
}
