import { CreditPointsWhenOrderConfirmed } from './commands/credit-points/credit-points-when-order-confirmed.subscription';
import { ReversePointsWhenOrderCancelled } from './commands/reverse-points/reverse-points-when-order-cancelled.subscription';
import { ReversePointsWhenPaymentRefunded } from './commands/reverse-points/reverse-points-when-payment-refunded.subscription';

/** Every event the loyalty context reacts to, listed once: the module registers these as its event controllers. */
export const LOYALTY_SUBSCRIPTIONS = [
  CreditPointsWhenOrderConfirmed,
  ReversePointsWhenOrderCancelled,
  ReversePointsWhenPaymentRefunded,
];
