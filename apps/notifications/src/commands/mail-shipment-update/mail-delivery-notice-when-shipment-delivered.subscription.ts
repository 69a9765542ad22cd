import { Controller } from '@nestjs/common';
import { ShipmentDeliveredV1Contract, type EventEnvelope, type ShipmentDeliveredV1 } from '@platform/events';
import { MessageSetContext, OnEvents } from '@platform/messaging';
import { NOTIFICATIONS } from '../../context';
import { MailShipmentUpdates } from './mail-shipment-updates';

/** Tells the customer the parcel arrived; a set at a time. */
@Controller()
export class MailDeliveryNoticeWhenShipmentDelivered {
  constructor(private readonly mails: MailShipmentUpdates) {}

  @OnEvents(NOTIFICATIONS, ShipmentDeliveredV1Contract)
  async handle(events: ReadonlyArray<EventEnvelope<ShipmentDeliveredV1>>, set: MessageSetContext): Promise<void> {
    const mails = events.map(({ payload: { orderId, deliveredAt }, eventId }) => ({
      orderId,
      update: { kind: 'delivered', deliveredAt } as const,
      sourceEventId: eventId,
    }));
    await this.mails.mail(mails, set);
  }
}
