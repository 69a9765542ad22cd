import { decideOrderSaga, startOrderSaga } from './order-saga';
import type { OrderSagaState, SagaEffect, SagaInput } from './order-saga.types';

// Duplicate and reorder tolerance of the saga (issue 6, item 4), over every order of delivery
// rather than hand-picked ones: the stock and the payment replies travel on different topics,
// so they arrive in any order, and at-least-once delivery repeats each of them, with a new
// eventId when a producer retried (the inbox cannot recognise those). Whatever the order and the
// repeats, an order must end in the same state, announce exactly one outcome to the customer,
// and ask back everything it was given (release a reservation, void an authorisation). A late
// or repeated reply may ask for the same compensation again (ADR 0006): inventory and payments
// carry it out once per order (inventory-reservations and payments int-specs). The hand-picked
// cases are in order-saga.spec.ts; interleaving across orders through the real contexts is
// what the fault suite (test/faults) drives.

const PLACED_AT = new Date('2026-03-01T10:00:00.000Z');
const SOON = new Date(PLACED_AT.getTime() + 1_000);
const PAST_DEADLINE = new Date(PLACED_AT.getTime() + 30_001);

const reserved: SagaInput = { type: 'StockReserved' };
const outOfStock: SagaInput = { type: 'StockReservationFailed', reason: 'OUT_OF_STOCK', detail: 'SKU-1' };
const authorized: SagaInput = { type: 'PaymentAuthorized' };
const declined: SagaInput = { type: 'PaymentDeclined', reason: 'DECLINED', detail: 'card declined' };
const deadline: SagaInput = { type: 'DeadlinePassed' };

/** every distinct ordering of `items` (a multiset: repeats are not told apart) */
function orderings<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  const seen = new Set<T>();
  const all: T[][] = [];
  items.forEach((item, i) => {
    if (seen.has(item)) return;
    seen.add(item);
    for (const rest of orderings([...items.slice(0, i), ...items.slice(i + 1)])) all.push([item, ...rest]);
  });
  return all;
}

/** runs the inputs through the saga as the stepper does, one committed step each */
function deliver(inputs: readonly SagaInput[]): { state: OrderSagaState; effects: SagaEffect[] } {
  const start = startOrderSaga(PLACED_AT, 30_000);
  let state = start.state;
  const effects: SagaEffect[] = [];
  for (const input of inputs) {
    const decision = decideOrderSaga(state, input, input.type === 'DeadlinePassed' ? PAST_DEADLINE : SOON);
    if (!decision.ok) throw new Error(`${input.type} refused: ${decision.code}`);
    state = decision.state;
    effects.push(...decision.effects);
  }
  return { state, effects };
}

const count = (effects: readonly SagaEffect[]): Record<string, number> =>
  effects.reduce<Record<string, number>>((n, e) => ({ ...n, [e.type]: (n[e.type] ?? 0) + 1 }), {});

interface Expected {
  readonly status: 'CONFIRMED' | 'CANCELLED';
  /** stock was reserved, so a cancelled order must release it */
  readonly mustRelease: boolean;
  /** the payment was authorised, so a cancelled order must void it */
  readonly mustVoid: boolean;
}

/** the end state, one announcement, and the compensations a cancelled order owes (none if confirmed) */
function expectOutcome(run: readonly SagaInput[], expected: Expected): void {
  const { state, effects } = deliver(run);
  const n = count(effects);
  const cancelled = expected.status === 'CANCELLED';
  const released = (n.ReleaseStock ?? 0) > 0;
  const voided = (n.VoidPayment ?? 0) > 0;
  const seen = {
    run: run.map((i) => i.type),
    status: state.status,
    announced: { confirmed: n.AnnounceConfirmation ?? 0, cancelled: n.AnnounceCancellation ?? 0 },
    stockGivenBack: cancelled ? released || !expected.mustRelease : !released,
    moneyGivenBack: cancelled ? voided || !expected.mustVoid : !voided,
  };
  expect(seen).toEqual({
    run: seen.run,
    status: expected.status,
    announced: { confirmed: cancelled ? 0 : 1, cancelled: cancelled ? 1 : 0 },
    stockGivenBack: true,
    moneyGivenBack: true,
  });
}

describe('the order saga under duplicates and reordering', () => {
  it.each<[string, SagaInput, SagaInput, Expected]>([
    ['reserved and authorized', reserved, authorized, { status: 'CONFIRMED', mustRelease: false, mustVoid: false }],
    ['reserved and declined', reserved, declined, { status: 'CANCELLED', mustRelease: true, mustVoid: false }],
    [
      'out of stock and authorized',
      outOfStock,
      authorized,
      { status: 'CANCELLED', mustRelease: false, mustVoid: true },
    ],
    ['out of stock and declined', outOfStock, declined, { status: 'CANCELLED', mustRelease: false, mustVoid: false }],
  ])(
    '%s, each delivered twice, in every order: one end state, one announcement, everything given back',
    (_name, stock, payment, expected) => {
      const runs = orderings([stock, stock, payment, payment]);
      expect(runs).toHaveLength(6);
      for (const run of runs) expectOutcome(run, expected);
    },
  );

  it('cancels on the deadline wherever it falls among repeated replies, and gives back what arrived', () => {
    const runs = orderings([reserved, reserved, authorized, authorized, deadline]);
    expect(runs).toHaveLength(30);
    for (const run of runs) {
      // the deadline only loses the race when both replies came before it
      const before = run.slice(0, run.indexOf(deadline));
      const confirmed = before.includes(reserved) && before.includes(authorized);
      expectOutcome(run, { status: confirmed ? 'CONFIRMED' : 'CANCELLED', mustRelease: true, mustVoid: true });
    }
  });
});
