import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { FailureMode } from '../../adapters/failure-mode';
import { projectOrderEvent } from '../../persistence/order-facts.projection';
import { UpdateOrderFactsCommand } from './update-order-facts.command';

@CommandHandler(UpdateOrderFactsCommand)
export class UpdateOrderFactsHandler implements ICommandHandler<UpdateOrderFactsCommand> {
  constructor(private readonly failureMode: FailureMode) {}

  async execute({ event, tx }: UpdateOrderFactsCommand): Promise<void> {
    this.failureMode.throwIfFailing();
    await projectOrderEvent(tx.manager, event);
  }
}
