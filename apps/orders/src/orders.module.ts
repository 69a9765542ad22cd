import { ENVIRONMENT, type Environment } from '@platform/config';
import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@platform/domain';
import { ContextModule } from '@platform/messaging';
import { CancelOrderHttpController } from './commands/cancel-order/cancel-order.http.controller';
import { GetOrderHttpController } from './queries/get-order/get-order.http.controller';
import { ListOrdersHttpController } from './queries/list-orders/list-orders.http.controller';
import { OrderAdmission } from './commands/place-order/order-admission';
import { PlaceOrderHandler } from './commands/place-order/place-order.handler';
import { PlaceOrderSet } from './commands/place-order/place-order-set';
import { PlaceOrderHttpController } from './commands/place-order/place-order.http.controller';
import { CancelOrderHandler } from './commands/cancel-order/cancel-order.handler';
import { GetOrderHandler } from './queries/get-order/get-order.handler';
import { ListCustomerOrdersHandler } from './queries/list-orders/list-orders.handler';
import { ApplySagaRepliesHandler } from './commands/apply-saga-reply/apply-saga-replies.handler';
import { UpdatePriceListHandler } from './commands/update-price-list/update-price-list.handler';
import { ORDERS } from './context';
import { ORDERS_SUBSCRIPTIONS } from './orders.subscriptions';
import { OrdersSchema1764200000000 } from './persistence/migrations/1764200000000-orders-schema';
import { OrdersIdempotencyKeysByAge1764200000001 } from './persistence/migrations/1764200000001-idempotency-keys-by-age';
import { OrdersSagasInProgress1764200000002 } from './persistence/migrations/1764200000002-sagas-in-progress';
import { OrdersSagaTraceparent1764200000003 } from './persistence/migrations/1764200000003-saga-traceparent';
import { IdempotencyKeyRepository } from './persistence/idempotency-key.repository';
import { idempotencyKeyRetention } from './persistence/idempotency-key.retention';
import { OrderRepository } from './persistence/order.repository';
import { PriceListRepository } from './persistence/price-list.repository';
import { SagaRepository } from './persistence/saga.repository';
import { TimelineRepository } from './persistence/timeline.repository';
import { OrderSagaSetStepper } from './saga/order-saga-set.stepper';
import { OrderSagaStepper } from './saga/order-saga.stepper';
import { OrdersSettings } from './orders.settings';
import { SagaStateMetrics } from './saga/saga-state.metrics';
import { SagaTimeoutSweeper } from './saga/saga-timeout.sweeper';

/**
 * The orders bounded context: accepts orders over HTTP and runs the order saga (reserve stock and
 * authorise payment in parallel, then confirm, or cancel and compensate), with its own price list.
 */
@Module({
  imports: [
    ContextModule.forContext({
      name: ORDERS,
      migrations: [
        OrdersSchema1764200000000,
        OrdersIdempotencyKeysByAge1764200000001,
        OrdersSagasInProgress1764200000002,
        OrdersSagaTraceparent1764200000003,
      ],
      retention: (env) => [idempotencyKeyRetention(OrdersSettings.from(env).idempotencyKeyRetentionMs)],
    }),
  ],
  controllers: [
    PlaceOrderHttpController,
    CancelOrderHttpController,
    GetOrderHttpController,
    ListOrdersHttpController,
    ...ORDERS_SUBSCRIPTIONS,
  ],
  providers: [
    { provide: Clock, useClass: SystemClock },
    { provide: OrdersSettings, useFactory: (env: Environment) => OrdersSettings.from(env), inject: [ENVIRONMENT] },
    OrderRepository,
    SagaRepository,
    TimelineRepository,
    PriceListRepository,
    IdempotencyKeyRepository,
    OrderSagaSetStepper,
    OrderSagaStepper,
    SagaStateMetrics,
    ApplySagaRepliesHandler,
    UpdatePriceListHandler,
    CancelOrderHandler,
    GetOrderHandler,
    ListCustomerOrdersHandler,
    SagaTimeoutSweeper,
    PlaceOrderSet,
    PlaceOrderHandler,
    OrderAdmission,
  ],
})
export class OrdersModule {}
