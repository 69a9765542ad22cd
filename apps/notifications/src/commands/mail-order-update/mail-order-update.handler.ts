import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Refusable } from '@platform/domain';
import { EmailGateway } from '../../adapters/email-gateway.port';
import { invalidOrderId } from '../../domain/invalid-order-id';
import { OrderContactRepository } from '../../persistence/order-contact.repository';
import { MailOrderUpdateCommand } from './mail-order-update.command';

@CommandHandler(MailOrderUpdateCommand)
export class MailOrderUpdateHandler implements ICommandHandler<MailOrderUpdateCommand> {
  constructor(
    private readonly gateway: EmailGateway,
    private readonly contacts: OrderContactRepository,
  ) {}

  async execute({ contact, email, sourceEventId, tx }: MailOrderUpdateCommand): Promise<Refusable<void>> {
    const refused = invalidOrderId(contact.orderId);
    if (refused) return refused;
    await this.contacts.remember(tx.manager, contact);
    await this.gateway.send(tx, { ...email, sourceEventId });
  }
}
