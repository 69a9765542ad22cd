import { ENVIRONMENT, type Environment } from '@platform/config';
import { ANALYTICS_SETTINGS, analyticsSettingsFrom } from './analytics.settings';
import { Module } from '@nestjs/common';
import { ContextModule } from '@platform/messaging';
import { FailureMode } from './adapters/failure-mode';
import { ANALYTICS_SUBSCRIPTIONS } from './analytics.subscriptions';
import { AnalyticsModeHttpController } from './commands/analytics-mode/analytics-mode.http.controller';
import { RebuildHttpController } from './commands/rebuild-read-models/rebuild-read-models.http.controller';
import { UpdateOrderFactsHandler } from './commands/update-order-facts/update-order-facts.handler';
import { ANALYTICS } from './context';
import { OrderFactsQueries } from './persistence/order-facts.queries';
import { OrderFacts1764300000100 } from './persistence/order-facts.migration';
import { GetFunnelHandler } from './queries/get-funnel/get-funnel.handler';
import { FunnelHttpController } from './queries/get-funnel/get-funnel.http.controller';
import { GetOrdersByStatusHandler } from './queries/get-orders-by-status/get-orders-by-status.handler';
import { OrdersByStatusHttpController } from './queries/get-orders-by-status/get-orders-by-status.http.controller';
import { GetRevenueHandler } from './queries/get-revenue/get-revenue.handler';
import { RevenueHttpController } from './queries/get-revenue/get-revenue.http.controller';
import { GetTopProductsHandler } from './queries/get-top-products/get-top-products.handler';
import { TopProductsHttpController } from './queries/get-top-products/get-top-products.http.controller';
import { OnlineRebuild } from './rebuild/online-rebuild';

/**
 * The analytics bounded context: read models (order facts, from which the funnel, revenue and
 * top products are computed) kept up to date from other contexts' events, and rebuildable by
 * replaying the retained log (`npm run analytics:rebuild`, src/rebuild/).
 */
@Module({
  imports: [ContextModule.forContext({ name: ANALYTICS, migrations: [OrderFacts1764300000100] })],
  controllers: [
    OrdersByStatusHttpController,
    RevenueHttpController,
    TopProductsHttpController,
    FunnelHttpController,
    AnalyticsModeHttpController,
    RebuildHttpController,
    ...ANALYTICS_SUBSCRIPTIONS,
  ],
  providers: [
    {
      provide: ANALYTICS_SETTINGS,
      useFactory: (env: Environment) => analyticsSettingsFrom(env),
      inject: [ENVIRONMENT],
    },
    FailureMode,
    OrderFactsQueries,
    OnlineRebuild,
    UpdateOrderFactsHandler,
    GetFunnelHandler,
    GetOrdersByStatusHandler,
    GetRevenueHandler,
    GetTopProductsHandler,
  ],
})
export class AnalyticsModule {}
