import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { MailShipmentUpdateCommand } from './mail-shipment-update.command';
import { NOTIFICATIONS } from '../../context';

/** Tells the customer the parcel is on its way (to the address the order's events gave us). */
@Controller()
export class MailDispatchNoticeWhenShipmentDispatched {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(NOTIFICATIONS, ShipmentDispatchedV1Contract)
  async handle(dispatched: EventEnvelope<ShipmentDispatchedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, shipmentId, dispatchedAt } = dispatched.payload;
    const update = { kind: 'dispatched', shipmentId, dispatchedAt } as const;
    orPermanentFailure(
      await this.commands.execute(new MailShipmentUpdateCommand(orderId, update, dispatched.eventId, ctx.tx)),
    );
  }
}
