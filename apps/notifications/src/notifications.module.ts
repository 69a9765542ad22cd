import { ENVIRONMENT, type Environment } from '@platform/config';
import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@platform/domain';
import { ContextModule, PLATFORM_CONFIG, type PlatformConfig } from '@platform/messaging';
import { EmailGateway } from './adapters/email-gateway.port';
import { FakeEmailGateway } from './adapters/fake-email-gateway';
import { RecordingEmailGateway } from './adapters/recording-email-gateway';
import { GatewayModeHttpController } from './commands/gateway-mode/gateway-mode.http.controller';
import { MailOrderUpdates } from './commands/mail-order-update/mail-order-updates';
import { ContactLookup } from './commands/mail-shipment-update/contact-lookup';
import { MailShipmentUpdates } from './commands/mail-shipment-update/mail-shipment-updates';
import { NOTIFICATIONS } from './context';
import { ListNotificationsHandler } from './queries/list-notifications/list-notifications.handler';
import { ListNotificationsHttpController } from './queries/list-notifications/list-notifications.http.controller';
import { Notifications1764100000000 } from './persistence/notifications.migration';
import { OrderContactRepository } from './persistence/order-contact.repository';
import { SentMessageRepository } from './persistence/sent-message.repository';
import { NOTIFICATIONS_SETTINGS, notificationsSettingsFromEnv } from './notifications.settings';
import { NOTIFICATIONS_SUBSCRIPTIONS } from './notifications.subscriptions';

/**
 * The notifications bounded context: one e-mail per customer-visible moment of an order,
 * never two, through a (fake) gateway that can be taken down.
 */
@Module({
  imports: [
    ContextModule.forContext({
      name: NOTIFICATIONS,
      migrations: [Notifications1764100000000],
    }),
  ],
  controllers: [...NOTIFICATIONS_SUBSCRIPTIONS, ListNotificationsHttpController, GatewayModeHttpController],
  providers: [
    {
      provide: NOTIFICATIONS_SETTINGS,
      useFactory: (env: Environment) => notificationsSettingsFromEnv(env),
      inject: [ENVIRONMENT],
    },
    { provide: Clock, useClass: SystemClock },
    SentMessageRepository,
    OrderContactRepository,
    ContactLookup,
    MailOrderUpdates,
    MailShipmentUpdates,
    ListNotificationsHandler,
    FakeEmailGateway,
    {
      // a shadow (ADR 0021) records its sends instead of making them
      provide: EmailGateway,
      useFactory: (fake: FakeEmailGateway, sent: SentMessageRepository, clock: Clock, config: PlatformConfig) =>
        config.shadow.enabled ? new RecordingEmailGateway(sent, clock) : fake,
      inject: [FakeEmailGateway, SentMessageRepository, Clock, PLATFORM_CONFIG],
    },
  ],
})
export class NotificationsModule {}
