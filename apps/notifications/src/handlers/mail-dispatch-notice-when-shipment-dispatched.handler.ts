import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageContext, OnEvent } from '@platform/messaging';
import { MailShipmentUpdateCommand } from '../commands/mail-shipment-update/mail-shipment-update.command';
import { NOTIFICATIONS } from '../context';
import { assertOrderId } from './order-id.guard';

/** Tells the customer the parcel is on its way (to the address the order's events gave us). */
@Controller()
export class MailDispatchNoticeWhenShipmentDispatched {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(NOTIFICATIONS, ShipmentDispatchedV1Contract)
  async handle(dispatched: EventEnvelope<ShipmentDispatchedV1>, ctx: MessageContext): Promise<void> {
    const { orderId, shipmentId, dispatchedAt } = dispatched.payload;
    assertOrderId(orderId);
    const update = { kind: 'dispatched', shipmentId, dispatchedAt } as const;
    await this.commands.execute(new MailShipmentUpdateCommand(orderId, update, dispatched.eventId, ctx.tx));
  }
}
