import { Controller } from '@nestjs/common';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageSetContext, OnEvents } from '@platform/messaging';
import { NOTIFICATIONS } from '../../context';
import { MailShipmentUpdates } from './mail-shipment-updates';

/** Tells the customer the parcel is on its way (to the address the order's events gave us); a set at a time. */
@Controller()
export class MailDispatchNoticeWhenShipmentDispatched {
  constructor(private readonly mails: MailShipmentUpdates) {}

  @OnEvents(NOTIFICATIONS, ShipmentDispatchedV1Contract)
  async handle(events: ReadonlyArray<EventEnvelope<ShipmentDispatchedV1>>, set: MessageSetContext): Promise<void> {
    const mails = events.map(({ payload: { orderId, shipmentId, dispatchedAt }, eventId }) => ({
      orderId,
      update: { kind: 'dispatched', shipmentId, dispatchedAt } as const,
      sourceEventId: eventId,
    }));
    await this.mails.mail(mails, set);
  }
}
