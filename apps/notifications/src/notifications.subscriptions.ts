import { MailCancellationWhenOrderCancelled } from './commands/mail-order-update/mail-cancellation-when-order-cancelled.subscription';
import { MailConfirmationWhenOrderConfirmed } from './commands/mail-order-update/mail-confirmation-when-order-confirmed.subscription';
import { MailOrderReceivedWhenOrderPlaced } from './commands/mail-order-update/mail-order-received-when-order-placed.subscription';
import { MailDeliveryNoticeWhenShipmentDelivered } from './commands/mail-shipment-update/mail-delivery-notice-when-shipment-delivered.subscription';
import { MailDispatchNoticeWhenShipmentDispatched } from './commands/mail-shipment-update/mail-dispatch-notice-when-shipment-dispatched.subscription';

/** Every event the notifications context reacts to, listed once: the module registers these as its event controllers. */
export const NOTIFICATIONS_SUBSCRIPTIONS = [
  MailOrderReceivedWhenOrderPlaced,
  MailConfirmationWhenOrderConfirmed,
  MailCancellationWhenOrderCancelled,
  MailDispatchNoticeWhenShipmentDispatched,
  MailDeliveryNoticeWhenShipmentDelivered,
];
