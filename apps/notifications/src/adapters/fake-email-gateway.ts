import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@platform/domain';
import type { Transaction } from '@platform/database';
import { v7 as uuidv7 } from 'uuid';
import { NOTIFICATIONS_SETTINGS, type NotificationsSettings } from '../notifications.settings';
import { SentMessageRepository } from '../persistence/sent-message.repository';
import { EmailGateway, EmailGatewayDownError, type OutgoingEmail, type SendOutcome } from './email-gateway.port';

export const GATEWAY_MODES = ['normal', 'down', 'slow'] as const;
export type GatewayMode = (typeof GATEWAY_MODES)[number];

/**
 * An e-mail gateway that "sends" by recording into notifications.sent_messages, at most once per
 * causing event (unique key). Down (NOTIFICATIONS_GATEWAY_DOWN, or the admin endpoint), it
 * refuses every send with a retryable error. Slow, each send takes NOTIFICATIONS_GATEWAY_SLOW_MS,
 * so the notifications group falls behind (its consumer_lag grows) until it is normal again.
 * The mode is per process.
 */
@Injectable()
export class FakeEmailGateway extends EmailGateway {
  private mode: GatewayMode;
  private readonly slowMs: number;

  constructor(
    private readonly sentMessages: SentMessageRepository,
    private readonly clock: Clock,
    @Inject(NOTIFICATIONS_SETTINGS) settings: NotificationsSettings,
  ) {
    super();
    this.mode = settings.gatewayDown ? 'down' : 'normal';
    this.slowMs = settings.gatewaySlowMs;
  }

  async sendAll(tx: Transaction, emails: readonly OutgoingEmail[]): Promise<SendOutcome[]> {
    if (emails.length === 0) return [];
    if (this.mode === 'down') {
      const [first] = emails;
      const more = emails.length > 1 ? ` (and ${emails.length - 1} more)` : '';
      throw new EmailGatewayDownError(
        `e-mail gateway is down; ${first.kind} for order ${first.orderId}${more} not sent`,
      );
    }
    // the sends of a set go side by side: each takes slowMs, the set as long as one
    if (this.mode === 'slow') await new Promise((done) => setTimeout(done, this.slowMs));
    const sentAt = this.clock.now();
    const sent = await this.sentMessages.insertAllIfNew(
      tx.manager,
      emails.map((email) => ({ ...email, id: uuidv7(), sentAt })),
    );
    return emails.map((email) => (sent.has(email.sourceEventId.toLowerCase()) ? 'sent' : 'duplicate'));
  }

  setMode(mode: GatewayMode): void {
    this.mode = mode;
  }

  state(): { mode: GatewayMode } {
    return { mode: this.mode };
  }
}
