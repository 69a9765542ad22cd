import type { Transaction } from '@platform/database';
import type { Email } from '../domain/email';

export interface OutgoingEmail extends Email {
  /** the event this mail announces: the gateway's idempotency key */
  readonly sourceEventId: string;
}

export type SendOutcome = 'sent' | 'duplicate';

/**
 * Sends e-mail. `tx` is the handler's transaction: the fake gateway's mailbox is a table of
 * ours, and on the embedded database anything outside that transaction would deadlock; a real
 * gateway would ignore it and dedupe by `sourceEventId` on its side.
 */
export abstract class EmailGateway {
  /** 'duplicate' when this event's mail went out already; throws EmailGatewayDownError (retryable) */
  async send(tx: Transaction, email: OutgoingEmail): Promise<SendOutcome> {
    const [outcome] = await this.sendAll(tx, [email]);
    return outcome;
  }

  /**
   * The mails of a set of records, sent side by side (each keyed by its `sourceEventId`): one
   * outcome per mail, in order. Throws when any of them could not go out: the consumer set then
   * runs apart, and each mail is sent again alone, which its key makes harmless.
   */
  abstract sendAll(tx: Transaction, emails: readonly OutgoingEmail[]): Promise<SendOutcome[]>;
}

/** The gateway cannot take mail right now: the consumer pipeline retries, then dead-letters. */
export class EmailGatewayDownError extends Error {
  readonly code = 'NOTIFICATIONS.GATEWAY_DOWN';

  constructor(message: string) {
    super(message);
    this.name = 'EmailGatewayDownError';
  }
}
