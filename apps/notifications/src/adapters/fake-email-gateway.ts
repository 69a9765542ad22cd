import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@platform/domain';
import type { Transaction } from '@platform/database';
import { v7 as uuidv7 } from 'uuid';
import { NOTIFICATIONS_SETTINGS, type NotificationsSettings } from '../notifications.settings';
import { SentMessageRepository } from '../persistence/sent-message.repository';
import { EmailGateway, EmailGatewayDownError, type OutgoingEmail } from './email-gateway.port';

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

  async send(tx: Transaction, email: OutgoingEmail): Promise<'sent' | 'duplicate'> {
    if (this.mode === 'down')
      throw new EmailGatewayDownError(`e-mail gateway is down; ${email.kind} for order ${email.orderId} not sent`);
    if (this.mode === 'slow') await new Promise((done) => setTimeout(done, this.slowMs));
    const message = { ...email, id: uuidv7(), sentAt: this.clock.now() };
    return (await this.sentMessages.insertIfNew(tx.manager, message)) ? 'sent' : 'duplicate';
  }

  setMode(mode: GatewayMode): void {
    this.mode = mode;
  }

  state(): { mode: GatewayMode } {
    return { mode: this.mode };
  }
}
