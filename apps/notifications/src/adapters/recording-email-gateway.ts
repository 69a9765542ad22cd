import type { Clock } from '@platform/domain';
import type { Transaction } from '@platform/database';
import { recordGatewayCall } from '@platform/messaging';
import { NOTIFICATIONS } from '../context';
import type { SentMessageRepository } from '../persistence/sent-message.repository';
import { EmailGateway, type OutgoingEmail, type SendOutcome } from './email-gateway.port';
import { FakeEmailGateway } from './fake-email-gateway';

/**
 * The e-mail gateway of a shadow run (SHADOW=true, ADR 0021): it sends nothing. It answers as the
 * fake gateway's normal mode does (recorded in sent_messages once per causing event; down and slow
 * do not reach it) and records each send with its answer and cause in
 * notifications.shadow_gateway_calls, through the handler's transaction.
 */
export class RecordingEmailGateway extends EmailGateway {
  private readonly normal: FakeEmailGateway;

  constructor(sentMessages: SentMessageRepository, clock: Clock) {
    super();
    this.normal = new FakeEmailGateway(sentMessages, clock, { gatewayDown: false, gatewaySlowMs: 0 });
  }

  async sendAll(tx: Transaction, emails: readonly OutgoingEmail[]): Promise<SendOutcome[]> {
    const answers = await this.normal.sendAll(tx, emails);
    for (const [index, email] of emails.entries()) {
      await recordGatewayCall(tx, NOTIFICATIONS, {
        gateway: 'email',
        operation: 'send',
        causeEventId: email.sourceEventId,
        request: email,
        answer: answers[index],
      });
    }
    return answers;
  }
}
