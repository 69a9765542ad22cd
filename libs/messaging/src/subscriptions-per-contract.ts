import { Controller, type Type } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventContract, EventEnvelope } from '@platform/events';
import { MessageContext, MessageSetContext } from './pipeline/message-context';
import { OnEvent, OnEvents } from './on-event.decorator';

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

/**
 * subscriptionsPerContract for handlers that take sets (@OnEvents): one class per row, each
 * getting the events of its contract that share a consumer transaction, all at once (`sendSet`).
 */
export function setSubscriptionsPerContract<R extends ContractRow>(
  group: string,
  rows: readonly R[],
  sendSet: (commands: CommandBus, row: R, events: readonly EventEnvelope[], ctx: MessageSetContext) => Promise<void>,
): Type[] {
  return rows.map((row) => {
    @Controller()
    class ContractSetSubscription {
      constructor(private readonly commands: CommandBus) {}

      @OnEvents(group, row.contract)
      handle(events: readonly EventEnvelope[], ctx: MessageSetContext): Promise<void> {
        return sendSet(this.commands, row, events, ctx);
      }
    }
    return ContractSetSubscription;
  });
}
