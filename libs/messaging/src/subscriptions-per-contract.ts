import { Controller, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventContract, EventEnvelope } from '@platform/events';
import { MessageContext } from './pipeline/message-context';
import { OnEvent } from './on-event.decorator';

/** a row of a table of look-alike subscriptions: the contract it listens to, and whatever else its command needs */
export interface ContractRow {
  readonly contract: EventContract;
}

/**
 * Look-alike event adapters written once (docs/adr/0025-one-folder-per-use-case.md): one
 * subscription class per row, so each contract stays a subscription of its own (the group, the
 * contract's topic; retried and dead-lettered on its own), while what the adapter does with an event
 * (`send`: build the command and execute it) is one function. Nest routes one handler method to
 * one pattern, hence a class per row rather than one class listening to many topics.
 */
export function subscriptionsPerContract<R extends ContractRow>(
  group: string,
  rows: readonly R[],
  send: (commands: CommandBus, row: R, event: EventEnvelope, ctx: MessageContext) => Promise<void>,
): Type[] {
  return rows.map((row) => {
    @Controller()
    class ContractSubscription {
      constructor(private readonly commands: CommandBus) {}

      @OnEvent(group, row.contract)
      handle(event: EventEnvelope, ctx: MessageContext): Promise<void> {
        return send(this.commands, row, event, ctx);
      }
    }
    return ContractSubscription;
  });
}
