import { CancelShipmentWhenOrderCancelled } from './commands/cancel-shipment/cancel-shipment-when-order-cancelled.subscription';
import { CreateShipmentWhenOrderConfirmed } from './commands/create-shipment/create-shipment-when-order-confirmed.subscription';

/** Every event the shipping context reacts to, listed once: the module registers these as its event controllers. */
export const SHIPPING_SUBSCRIPTIONS = [CreateShipmentWhenOrderConfirmed, CancelShipmentWhenOrderCancelled];
