import { ENVIRONMENT, type Environment } from '@platform/config';
import { ANALYTICS_SETTINGS, analyticsSettingsFrom } from './analytics.settings';
import { Module } from '@nestjs/common';
import { ContextModule } from '@platform/messaging';
import { FailureMode } from './adapters/failure-mode';
import { AnalyticsModeHttpController } from './api/analytics-mode/analytics-mode.http.controller';
import { FunnelHttpController } from './api/funnel/funnel.http.controller';
import { RebuildHttpController } from './api/rebuild/rebuild.http.controller';
import { OrdersByStatusHttpController } from './api/orders-by-status/orders-by-status.http.controller';
import { RevenueHttpController } from './api/revenue/revenue.http.controller';
import { TopProductsHttpController } from './api/top-products/top-products.http.controller';
import { ANALYTICS } from './context';
import { GetFunnelHandler } from './api/funnel/get-funnel.handler';
import { GetOrdersByStatusHandler } from './api/orders-by-status/get-orders-by-status.handler';
import { GetRevenueHandler } from './api/revenue/get-revenue.handler';
import { GetTopProductsHandler } from './api/top-products/get-top-products.handler';
import { UpdateOrderFactsHandler } from './commands/update-order-facts/update-order-facts.handler';
import { UpdateOrderFactsWhenOrderCancelled } from './handlers/update-order-facts-when-order-cancelled.handler';
import { UpdateOrderFactsWhenOrderConfirmed } from './handlers/update-order-facts-when-order-confirmed.handler';
import { UpdateOrderFactsWhenOrderPlaced } from './handlers/update-order-facts-when-order-placed.handler';
import { UpdateOrderFactsWhenShipmentDelivered } from './handlers/update-order-facts-when-shipment-delivered.handler';
import { UpdateOrderFactsWhenShipmentDispatched } from './handlers/update-order-facts-when-shipment-dispatched.handler';
import { OrderFactsQueries } from './persistence/order-facts.queries';
import { OrderFacts1764300000100 } from './persistence/order-facts.migration';
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
    UpdateOrderFactsWhenOrderPlaced,
    UpdateOrderFactsWhenOrderConfirmed,
    UpdateOrderFactsWhenOrderCancelled,
    UpdateOrderFactsWhenShipmentDispatched,
    UpdateOrderFactsWhenShipmentDelivered,
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
