import { CommitStockWhenShipmentDispatched } from './commands/commit-stock/commit-stock-when-shipment-dispatched.subscription';
import { ReleaseStockWhenCommanded } from './commands/release-stock/release-stock-when-commanded.subscription';
import { ReserveStockWhenCommanded } from './commands/reserve-stock/reserve-stock-when-commanded.subscription';

/** Every event inventory reacts to, listed once: the module registers them as its message controllers. */
export const INVENTORY_SUBSCRIPTIONS = [
  ReserveStockWhenCommanded,
  ReleaseStockWhenCommanded,
  CommitStockWhenShipmentDispatched,
];
