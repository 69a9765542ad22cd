import { Injectable } from '@nestjs/common';
import { Clock } from '@platform/domain';
import type { Transaction } from '@platform/database';
import type { EventMetadata } from '@platform/events';
import { OutboxWriter } from '@platform/outbox';
import { decideOrderSaga } from '../domain/order-saga';
import type { OrderSagaState, SagaInput } from '../domain/order-saga.types';
import { OrderRepository } from '../persistence/order.repository';
import { SagaRepository } from '../persistence/saga.repository';
import { TimelineRepository } from '../persistence/timeline.repository';
import { eventsForEffects } from './saga-effect-events';

export type StepOutcome =
  | { readonly kind: 'applied'; readonly state: OrderSagaState }
  | { readonly kind: 'unknown-order' }
  | { readonly kind: 'refused'; readonly code: string; readonly detail: string };

/**
 * One step of the saga, inside the caller's transaction: lock the saga row, let the pure machine
 * decide, save the state, append the timeline, append the events it asked for to the outbox.
 * Each step is one commit driven by a durable event (or request, or deadline), so a crash
 * resumes exactly where the last commit left off: the unacknowledged event is redelivered.
 */
@Injectable()
export class OrderSagaStepper {
  constructor(
    private readonly sagas: SagaRepository,
    private readonly orders: OrderRepository,
    private readonly timeline: TimelineRepository,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  async step(tx: Transaction, metadata: EventMetadata, orderId: string, input: SagaInput): Promise<StepOutcome> {
    const state = await this.sagas.lock(tx.manager, orderId);
    if (!state) return { kind: 'unknown-order' };
    return this.apply(tx, metadata, orderId, state, input, this.clock.now());
  }

  /** for a caller that has already locked the saga row (the timeout sweeper) */
  async apply(
    tx: Transaction,
    metadata: EventMetadata,
    orderId: string,
    state: OrderSagaState,
    input: SagaInput,
    now: Date,
  ): Promise<StepOutcome> {
    const decision = decideOrderSaga(state, input, now);
    if (!decision.ok) return { kind: 'refused', code: decision.code, detail: decision.detail };
    if (decision.timeline.length === 0 && decision.effects.length === 0) return { kind: 'applied', state };
    await this.sagas.save(tx.manager, orderId, decision.state, now);
    await this.timeline.append(tx.manager, orderId, decision.timeline);
    if (decision.effects.length > 0) {
      const order = await this.orders.find(tx.manager, orderId);
      if (!order) throw new Error(`order ${orderId} has a saga but no order row`);
      await this.outbox.append(tx, metadata, eventsForEffects(order, decision.effects, now));
    }
    return { kind: 'applied', state: decision.state };
  }
}
