import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ShipmentDispatchedV1Contract, type EventEnvelope, type ShipmentDispatchedV1 } from '@platform/events';
import { MessageContext, OnEvent, orPermanentFailure } from '@platform/messaging';
import { ChangePaymentCommand } from './change-payment.command';
import { PAYMENTS } from '../../context';

/**
 * shipping.shipment-dispatched.v1 -> payment-captured: the money is taken when the parcel
 * leaves. A dispatch for a payment that is not AUTHORIZED (already captured, voided) is logged
 * and captures nothing.
 */
@Controller()
export class CapturePaymentWhenShipmentDispatched {
  constructor(private readonly commands: CommandBus) {}

  @OnEvent(PAYMENTS, ShipmentDispatchedV1Contract)
  async handle(dispatched: EventEnvelope<ShipmentDispatchedV1>, ctx: MessageContext): Promise<void> {
    const { orderId } = dispatched.payload;
    orPermanentFailure(
      await this.commands.execute(new ChangePaymentCommand(orderId, 'capture-requested', ctx.origin())),
    );
  }
}
