import type { OrderSagaState, SagaDecision, SagaEffect, TimelineKind } from './order-saga.types';

/** a timeline entry before it is stamped with the decision's instant */
export type Entry = readonly [TimelineKind, string];

/** a transition: the next state, what to write in the timeline (at `now`), what to ask for */
export function changed(
  state: OrderSagaState,
  now: Date,
  entries: readonly Entry[],
  effects: readonly SagaEffect[] = [],
): SagaDecision {
  return { ok: true, state, effects, timeline: entries.map(([kind, detail]) => ({ at: now, kind, detail })) };
}

/** a duplicate, a stale reply or an input that does not apply: nothing to save or send */
export function unchanged(state: OrderSagaState): SagaDecision {
  return { ok: true, state, effects: [], timeline: [] };
}
