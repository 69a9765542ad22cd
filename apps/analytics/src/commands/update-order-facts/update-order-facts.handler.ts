import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FailureMode } from '../../adapters/failure-mode';
import { projectOrderEvents } from '../../persistence/order-facts.projection';
import { UpdateOrderFactsCommand } from './update-order-facts.command';

@CommandHandler(UpdateOrderFactsCommand)
export class UpdateOrderFactsHandler implements ICommandHandler<UpdateOrderFactsCommand> {
  constructor(private readonly failureMode: FailureMode) {}

  async execute({ events, tx }: UpdateOrderFactsCommand): Promise<void> {
    this.failureMode.throwIfFailing();
    await projectOrderEvents(tx.manager, events);
  }
}
