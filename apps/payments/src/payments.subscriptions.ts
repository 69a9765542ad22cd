import { AuthorizePaymentWhenRequested } from './commands/authorize-payment/authorize-payment-when-requested.subscription';
import { CapturePaymentWhenShipmentDispatched } from './commands/change-payment/capture-payment-when-shipment-dispatched.subscription';
import { RefundPaymentWhenRequested } from './commands/change-payment/refund-payment-when-requested.subscription';
import { VoidPaymentWhenRequested } from './commands/change-payment/void-payment-when-requested.subscription';

/** Every event payments reacts to, listed once: the module registers them as its message controllers. */
export const PAYMENTS_SUBSCRIPTIONS = [
  AuthorizePaymentWhenRequested,
  VoidPaymentWhenRequested,
  RefundPaymentWhenRequested,
  CapturePaymentWhenShipmentDispatched,
];
