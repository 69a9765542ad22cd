import { ENVIRONMENT, type Environment } from '@platform/config';
import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@platform/domain';
import { ContextModule, PLATFORM_CONFIG, type PlatformConfig } from '@platform/messaging';
import { FakePaymentProcessor } from './adapters/fake-payment-processor';
import { fakeProcessorSettingsFrom } from './payments.settings';
import { PaymentProcessorGateway } from './adapters/payment-processor.gateway';
import { RecordingPaymentProcessor } from './adapters/recording-payment-processor';
import { ProcessorModeHttpController } from './adapters/processor-mode.http.controller';
import { AuthorizePayments } from './commands/authorize-payment/authorize-payments';
import { ChangePaymentHandler } from './commands/change-payment/change-payment.handler';
import { PaymentWorkflow } from './commands/payment-workflow';
import { PAYMENTS } from './context';
import { PAYMENTS_SUBSCRIPTIONS } from './payments.subscriptions';
import { PaymentRepository } from './persistence/payment.repository';
import { PaymentsTables1764300000000 } from './persistence/payments.migration';
import { GetPaymentHandler } from './queries/get-payment/get-payment.handler';
import { GetPaymentHttpController } from './queries/get-payment/get-payment.http.controller';

/** The payments bounded context: one charge at most per order, through a (fake) card processor. */
@Module({
  imports: [
    ContextModule.forContext({
      name: PAYMENTS,
      migrations: [PaymentsTables1764300000000],
    }),
  ],
  controllers: [...PAYMENTS_SUBSCRIPTIONS, GetPaymentHttpController, ProcessorModeHttpController],
  providers: [
    { provide: Clock, useClass: SystemClock },
    {
      provide: FakePaymentProcessor,
      useFactory: (env: Environment) => new FakePaymentProcessor(fakeProcessorSettingsFrom(env)),
      inject: [ENVIRONMENT],
    },
    {
      // a shadow (ADR 0021) records its calls instead of making them
      provide: PaymentProcessorGateway,
      useFactory: (fake: FakePaymentProcessor, config: PlatformConfig, env: Environment) =>
        config.shadow.enabled ? new RecordingPaymentProcessor(fakeProcessorSettingsFrom(env)) : fake,
      inject: [FakePaymentProcessor, PLATFORM_CONFIG, ENVIRONMENT],
    },
    PaymentRepository,
    PaymentWorkflow,
    AuthorizePayments,
    ChangePaymentHandler,
    GetPaymentHandler,
  ],
})
export class PaymentsModule {}
