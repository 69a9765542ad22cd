import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ShipmentDeliveredV1Contract, type EventEnvelope, type ShipmentDeliveredV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { MailShipmentUpdateCommand } from './mail-shipment-update.command';
import { NOTIFICATIONS } from '../../context';

/** Tells the customer the parcel arrived. */
@Controller()
export class MailDeliveryNoticeWhenShipmentDelivered {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(NOTIFICATIONS, ShipmentDeliveredV1Contract)
  async handle(delivered: EventEnvelope<ShipmentDeliveredV1>, ctx: MessageContext): Promise<void> {
    const { orderId, deliveredAt } = delivered.payload;
    const update = { kind: 'delivered', deliveredAt } as const;
    orPermanentFailure(
      await this.commands.execute(new MailShipmentUpdateCommand(orderId, update, delivered.eventId, ctx.tx)),
    );
  }
}
