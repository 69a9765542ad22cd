import { ENVIRONMENT, type Environment } from '@platform/config';
import { INVENTORY_SETTINGS, inventorySettingsFrom } from './inventory.settings';
import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@platform/domain';
import { ContextModule } from '@platform/messaging';
import { AdjustStockHandler } from './commands/adjust-stock/adjust-stock.handler';
import { AdjustStockHttpController } from './commands/adjust-stock/adjust-stock.http.controller';
import { ChangeProductHandler } from './commands/change-product/change-product.handler';
import { ChangeProductHttpController } from './commands/change-product/change-product.http.controller';
import { CommitStockHandler } from './commands/commit-stock/commit-stock.handler';
import { CreateProductHandler } from './commands/create-product/create-product.handler';
import { CreateProductHttpController } from './commands/create-product/create-product.http.controller';
import { ReleaseStockHandler } from './commands/release-stock/release-stock.handler';
import { ReserveStockHandler } from './commands/reserve-stock/reserve-stock.handler';
import { SeedDemoCatalogueOnStart } from './commands/seed-demo-catalogue/seed-demo-catalogue.on-start';
import { INVENTORY } from './context';
import { INVENTORY_SUBSCRIPTIONS } from './inventory.subscriptions';
import { InventorySchema1765000000000 } from './persistence/inventory-schema.migration';
import { ProductEntity } from './persistence/product.entity';
import { ReservationEntity, ReservationLineEntity } from './persistence/reservation.entity';
import { BrowseCatalogueHandler } from './queries/browse-catalogue/browse-catalogue.handler';
import { BrowseCatalogueHttpController } from './queries/browse-catalogue/browse-catalogue.http.controller';
import { GetProductHandler } from './queries/browse-catalogue/get-product.handler';

/**
 * The inventory bounded context: owns the catalogue and its stock, reserves it for orders
 * without ever overselling, releases it on compensation and commits it on dispatch.
 */
@Module({
  imports: [
    ContextModule.forContext({
      name: INVENTORY,
      entities: [ProductEntity, ReservationEntity, ReservationLineEntity],
      migrations: [InventorySchema1765000000000],
    }),
  ],
  controllers: [
    BrowseCatalogueHttpController,
    CreateProductHttpController,
    ChangeProductHttpController,
    AdjustStockHttpController,
    ...INVENTORY_SUBSCRIPTIONS,
  ],
  providers: [
    { provide: Clock, useClass: SystemClock },
    CreateProductHandler,
    ChangeProductHandler,
    AdjustStockHandler,
    ReserveStockHandler,
    ReleaseStockHandler,
    CommitStockHandler,
    BrowseCatalogueHandler,
    GetProductHandler,
    {
      provide: INVENTORY_SETTINGS,
      useFactory: (env: Environment) => inventorySettingsFrom(env),
      inject: [ENVIRONMENT],
    },
    SeedDemoCatalogueOnStart,
  ],
})
export class InventoryModule {}
