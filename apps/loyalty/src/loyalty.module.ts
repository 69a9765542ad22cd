import { ENVIRONMENT, type Environment } from '@platform/config';
import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@platform/domain';
import { ContextModule } from '@platform/messaging';
import { GetBalanceHandler } from './api/get-balance/get-balance.handler';
import { GetBalanceHttpController } from './api/get-balance/get-balance.http.controller';
import { CreditPointsHandler } from './commands/credit-points/credit-points.handler';
import { ReversePointsHandler } from './commands/reverse-points/reverse-points.handler';
import { LOYALTY } from './context';
import { CreditPointsWhenOrderConfirmed } from './handlers/credit-points-when-order-confirmed.handler';
import { ReversePointsWhenOrderCancelled } from './handlers/reverse-points-when-order-cancelled.handler';
import { ReversePointsWhenPaymentRefunded } from './handlers/reverse-points-when-payment-refunded.handler';
import { LOYALTY_CONFIG, loyaltyConfigFrom } from './loyalty.settings';
import { LedgerRepository } from './persistence/ledger.repository';
import { LoyaltyLedger1764300000000 } from './persistence/loyalty-ledger.migration';

/**
 * The loyalty bounded context: points credited when an order is confirmed, taken back when it
 * is cancelled or its payment refunded, each at most once per order whatever is redelivered.
 */
@Module({
  imports: [ContextModule.forContext({ name: LOYALTY, migrations: [LoyaltyLedger1764300000000] })],
  controllers: [
    GetBalanceHttpController,
    CreditPointsWhenOrderConfirmed,
    ReversePointsWhenOrderCancelled,
    ReversePointsWhenPaymentRefunded,
  ],
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: LOYALTY_CONFIG, useFactory: (env: Environment) => loyaltyConfigFrom(env), inject: [ENVIRONMENT] },
    LedgerRepository,
    CreditPointsHandler,
    ReversePointsHandler,
    GetBalanceHandler,
  ],
})
export class LoyaltyModule {}
