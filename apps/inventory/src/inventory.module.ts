import { ENVIRONMENT, type Environment } from '@platform/config';
import { INVENTORY_SETTINGS, inventorySettingsFrom } from './inventory.settings';
import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@platform/domain';
import { ContextModule } from '@platform/messaging';
import { AdjustStockHandler } from './api/adjust-stock/adjust-stock.handler';
import { AdjustStockHttpController } from './api/adjust-stock/adjust-stock.http.controller';
import { BrowseCatalogueHttpController } from './api/browse-catalogue/browse-catalogue.http.controller';
import { ChangeProductHandler } from './api/change-product/change-product.handler';
import { ChangeProductHttpController } from './api/change-product/change-product.http.controller';
import { CreateProductHandler } from './api/create-product/create-product.handler';
import { CreateProductHttpController } from './api/create-product/create-product.http.controller';
import { SeedDemoCatalogueOnStart } from './api/seed-demo-catalogue/seed-demo-catalogue.on-start';
import { BrowseCatalogueHandler } from './api/browse-catalogue/browse-catalogue.handler';
import { GetProductHandler } from './api/browse-catalogue/get-product.handler';
import { CommitStockHandler } from './commands/commit-stock/commit-stock.handler';
import { ReleaseStockHandler } from './commands/release-stock/release-stock.handler';
import { ReserveStockHandler } from './commands/reserve-stock/reserve-stock.handler';
import { INVENTORY } from './context';
import { CommitStockWhenShipmentDispatched } from './handlers/commit-stock-when-shipment-dispatched.handler';
import { ReleaseStockWhenCommanded } from './handlers/release-stock-when-commanded.handler';
import { ReserveStockWhenCommanded } from './handlers/reserve-stock-when-commanded.handler';
import { InventorySchema1765000000000 } from './persistence/inventory-schema.migration';
import { ProductEntity } from './persistence/product.entity';
import { ReservationEntity, ReservationLineEntity } from './persistence/reservation.entity';

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
    ReserveStockWhenCommanded,
    ReleaseStockWhenCommanded,
    CommitStockWhenShipmentDispatched,
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
