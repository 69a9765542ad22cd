import { Injectable } from '@nestjs/common';
import type { Transaction } from '@platform/database';
import { OutboxWriter } from '@platform/outbox';
import type { OrderSagaState } from '../domain/order-saga.types';
import { OrderRepository } from '../persistence/order.repository';
import { SagaRepository } from '../persistence/saga.repository';
import { TimelineRepository } from '../persistence/timeline.repository';
import { eventsForEffects } from './saga-effect-events';
import { foldSagaSet, type OrderSagaInput, type SetFailure } from './saga-set-fold';

/** the set applied: every order's state after it; or the first input that cannot be, with nothing written */
export type SetOutcome =
  { readonly kind: 'applied'; readonly states: ReadonlyMap<string, OrderSagaState> } | SetFailure;

/**
 * Steps of the saga for a set of inputs (several orders, maybe several inputs of one order), in
 * the caller's transaction, with a handful of statements for the whole set
 * (docs/adr/0026-work-in-sets.md): lock all the sagas, let the pure machine decide each order's
 * inputs in arrival order, then save the sagas and their orders, append the timeline, read the
 * orders whose events are asked for, and append each input's events with its own metadata (the
 * outbox writes them all in one statement at commit). If any input is refused or names an unknown
 * order, nothing is written and the caller hears which: the set is then run apart, record by
 * record, so only that one fails.
 */
@Injectable()
export class OrderSagaSetStepper {
  constructor(
    private readonly sagas: SagaRepository,
    private readonly orders: OrderRepository,
    private readonly timeline: TimelineRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async stepAll(tx: Transaction, inputs: readonly OrderSagaInput[], now: Date): Promise<SetOutcome> {
    const locked = await this.sagas.lockAll(
      tx.manager,
      inputs.map((i) => i.orderId),
    );
    return this.applyAll(tx, locked, inputs, now);
  }

  /** for a caller that has already locked the sagas (the timeout sweeper) */
  async applyAll(
    tx: Transaction,
    locked: ReadonlyMap<string, OrderSagaState>,
    inputs: readonly OrderSagaInput[],
    now: Date,
  ): Promise<SetOutcome> {
    const folded = foldSagaSet(locked, inputs, now);
    if (folded.kind !== 'folded') return folded;
    const { states, changed, timeline, effects } = folded;
    await this.sagas.saveAll(
      tx.manager,
      [...changed].map((orderId) => ({ orderId, state: states.get(orderId)! })),
      now,
    );
    await this.timeline.appendAll(tx.manager, timeline);
    const orders = await this.orders.findAll(
      tx.manager,
      effects.map(({ index }) => inputs[index].orderId),
    );
    for (const { index, effects: asked } of effects) {
      const { orderId, metadata } = inputs[index];
      const order = orders.get(orderId);
      if (!order) throw new Error(`order ${orderId} has a saga but no order row`);
      await this.outbox.append(tx, metadata, eventsForEffects(order, asked, now));
    }
    return { kind: 'applied', states };
  }
}
