import { ENVIRONMENT, type Environment } from '@platform/config';
import { Module } from '@nestjs/common';
import { Clock, SystemClock } from '@platform/domain';
import { ContextModule } from '@platform/messaging';
import { CarrierClock } from './adapters/carrier-clock';
import { CarrierPort } from './adapters/carrier.port';
import { FakeCarrier } from './adapters/fake-carrier';
import { AdvanceShipmentHandler } from './commands/advance-shipment/advance-shipment.handler';
import { AdvanceShipmentHttpController } from './commands/advance-shipment/advance-shipment.http.controller';
import { CancelShipmentHandler } from './commands/cancel-shipment/cancel-shipment.handler';
import { CarrierModeHttpController } from './commands/carrier-mode/carrier-mode.http.controller';
import { CreateShipments } from './commands/create-shipment/create-shipments';
import { SHIPPING } from './context';
import { GetShipmentHandler } from './queries/get-shipment/get-shipment.handler';
import { GetShipmentHttpController } from './queries/get-shipment/get-shipment.http.controller';
import { CarrierCallRepository } from './persistence/carrier-call.repository';
import { ShipmentRepository } from './persistence/shipment.repository';
import { ShipmentTraceparent1764100000001 } from './persistence/shipment-traceparent.migration';
import { Shipping1764100000000 } from './persistence/shipping.migration';
import { SHIPPING_SETTINGS, shippingSettingsFromEnv } from './shipping.settings';
import { SHIPPING_SUBSCRIPTIONS } from './shipping.subscriptions';

/**
 * The shipping bounded context: ships confirmed orders through a (fake) carrier, follows the
 * parcel to the door, and stops what a cancellation reaches in time.
 */
@Module({
  imports: [
    ContextModule.forContext({
      name: SHIPPING,
      migrations: [Shipping1764100000000, ShipmentTraceparent1764100000001],
    }),
  ],
  controllers: [
    ...SHIPPING_SUBSCRIPTIONS,
    GetShipmentHttpController,
    AdvanceShipmentHttpController,
    CarrierModeHttpController,
  ],
  providers: [
    {
      provide: SHIPPING_SETTINGS,
      useFactory: (env: Environment) => shippingSettingsFromEnv(env),
      inject: [ENVIRONMENT],
    },
    { provide: Clock, useClass: SystemClock },
    FakeCarrier,
    { provide: CarrierPort, useExisting: FakeCarrier },
    ShipmentRepository,
    CarrierCallRepository,
    AdvanceShipmentHandler,
    CreateShipments,
    CancelShipmentHandler,
    GetShipmentHandler,
    CarrierClock,
  ],
})
export class ShippingModule {}
