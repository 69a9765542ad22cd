import type { EventMetadata } from '@platform/events';
import { decideOrderSaga } from '../domain/order-saga';
import type { OrderSagaState, SagaEffect, SagaInput, TimelineEntry } from '../domain/order-saga.types';

/** one input for one order's saga, with the metadata of the events it causes */
export interface OrderSagaInput {
  readonly orderId: string;
  readonly input: SagaInput;
  readonly metadata: EventMetadata;
}

/** what a set of inputs does, all decided before anything is written */
export interface FoldedSet {
  readonly kind: 'folded';
  /** every order's state after its last input (unchanged ones included) */
  readonly states: ReadonlyMap<string, OrderSagaState>;
  /** the orders whose saga moved, to save */
  readonly changed: ReadonlySet<string>;
  /** every order's new timeline entries, per input that wrote some, in arrival order */
  readonly timeline: ReadonlyArray<{ readonly orderId: string; readonly entries: readonly TimelineEntry[] }>;
  /** per input that asked for something (its index in the set), in arrival order */
  readonly effects: ReadonlyArray<{ readonly index: number; readonly effects: readonly SagaEffect[] }>;
}

/** the first input of the set that cannot be applied; nothing of the set is */
export type SetFailure =
  | { readonly kind: 'unknown-order'; readonly index: number }
  | { readonly kind: 'refused'; readonly index: number; readonly code: string; readonly detail: string };

/**
 * Folds a set of inputs through the pure machine, each order's in the order they arrived, from
 * the states locked for the set: two inputs of one order in one set give exactly what they give
 * one after the other. An input that changes nothing (a duplicate, a late reply already
 * compensated) leaves its order's state as it was and is not saved, as a single step does.
 */
export function foldSagaSet(
  locked: ReadonlyMap<string, OrderSagaState>,
  inputs: readonly OrderSagaInput[],
  now: Date,
): FoldedSet | SetFailure {
  const states = new Map(locked);
  const changed = new Set<string>();
  const timeline: Array<{ orderId: string; entries: readonly TimelineEntry[] }> = [];
  const effects: Array<{ index: number; effects: readonly SagaEffect[] }> = [];
  for (const [index, { orderId, input }] of inputs.entries()) {
    const state = states.get(orderId);
    if (!state) return { kind: 'unknown-order', index };
    const decision = decideOrderSaga(state, input, now);
    if (!decision.ok) return { kind: 'refused', index, code: decision.code, detail: decision.detail };
    if (decision.timeline.length === 0 && decision.effects.length === 0) continue;
    states.set(orderId, decision.state);
    changed.add(orderId);
    if (decision.timeline.length > 0) timeline.push({ orderId, entries: decision.timeline });
    if (decision.effects.length > 0) effects.push({ index, effects: decision.effects });
  }
  return { kind: 'folded', states, changed, timeline, effects };
}
