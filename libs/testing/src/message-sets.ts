import type { Type } from '@nestjs/common';
import { TransactionRunner } from '@platform/database';
import type { EventContract, EventEnvelope } from '@platform/events';
import { MessageContext, MessageSetContext } from '@platform/messaging';
import type { ContextTestApp } from './context-test-app';

/**
 * Hands events to a set handler (@OnEvents) as one set, in one transaction of the context's own,
 * the way the consumer pipeline does when they wait for the same consumer transaction. What a
 * set handler's test needs to compare a set with the same records one by one, which the
 * pipeline's timing would otherwise decide.
 */
export async function handleAsOneSet<P>(
  t: ContextTestApp,
  context: Type<unknown>,
  contract: EventContract<P>,
  events: ReadonlyArray<EventEnvelope<P>>,
  handle: (events: ReadonlyArray<EventEnvelope<P>>, ctx: MessageSetContext) => Promise<void>,
): Promise<void> {
  const transactions = t.app.select(context).get(TransactionRunner, { strict: false });
  await transactions.run(async (tx) => {
    const records = events.map(
      (event, index) =>
        new MessageContext(
          tx,
          { group: 'set-test', topic: contract.topic, partition: 0, offset: String(index), attempt: 1 },
          event,
        ),
    );
    await handle(events, new MessageSetContext(tx, records));
  });
}
