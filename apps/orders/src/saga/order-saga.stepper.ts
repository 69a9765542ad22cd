import { Injectable } from '@nestjs/common';
import { Clock } from '@platform/domain';
import type { Transaction } from '@platform/database';
import type { EventMetadata } from '@platform/events';
import type { OrderSagaState, SagaInput } from '../domain/order-saga.types';
import { OrderSagaSetStepper, type SetOutcome } from './order-saga-set.stepper';

export type StepOutcome =
  | { readonly kind: 'applied'; readonly state: OrderSagaState }
  | { readonly kind: 'unknown-order' }
  | { readonly kind: 'refused'; readonly code: string; readonly detail: string };

/**
 * One step of the saga, inside the caller's transaction: a set of one for OrderSagaSetStepper
 * (lock the saga row, let the pure machine decide, save the state, append the timeline, append
 * the events it asked for to the outbox), for a caller with one input: the customer's
 * cancellation. Each step is one commit driven by a durable event (or request, or deadline), so
 * a crash resumes exactly where the last commit left off: the unacknowledged event is redelivered.
 */
@Injectable()
export class OrderSagaStepper {
  constructor(
    private readonly steps: OrderSagaSetStepper,
    private readonly clock: Clock,
  ) {}

  async step(tx: Transaction, metadata: EventMetadata, orderId: string, input: SagaInput): Promise<StepOutcome> {
    return outcomeOf(await this.steps.stepAll(tx, [{ orderId, input, metadata }], this.clock.now()), orderId);
  }
}

function outcomeOf(outcome: SetOutcome, orderId: string): StepOutcome {
  switch (outcome.kind) {
    case 'applied':
      return { kind: 'applied', state: outcome.states.get(orderId)! };
    case 'unknown-order':
      return { kind: 'unknown-order' };
    case 'refused':
      return { kind: 'refused', code: outcome.code, detail: outcome.detail };
  }
}
