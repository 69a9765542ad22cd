import { Injectable } from '@nestjs/common';
import { Clock } from '@platform/domain';
import type { AuthorizePaymentV1 } from '@platform/events';
import { allOrFirstFailure, OutsideCalls, orPermanentFailure, type MessageSetContext } from '@platform/messaging';
import { authorizingPayment, type Payment, type PaymentTerms } from '../../domain/payment';
import { asRefusal, refuseTerms } from '../../domain/payment-request-validation';
import { PaymentRepository } from '../../persistence/payment.repository';
import { PaymentWorkflow } from '../payment-workflow';
import type { PaymentEvent } from '../../domain/payment-events';

/** what one order's requests of a set left behind */
interface OrderOutcome {
  readonly loaded: Payment | null;
  readonly payment: Payment | null;
  /** each request's events, by its index in the set */
  readonly events: ReadonlyMap<number, readonly PaymentEvent[]>;
}

/**
 * Authorises the payments a consumer set asks for (docs/adr/0026-work-in-sets.md). The payment
 * rows are recorded (or found) and locked before the processor is called, so a repeated request,
 * even with a new eventId, re-publishes the outcome instead of charging again. The orders'
 * processor calls run side by side, each with its own idempotency key (the order id), so a set
 * waits for its slowest call, which PAYMENTS_PROCESSOR_TIMEOUT_MS bounds, not for the sum of
 * them. Two requests of one order run one after the other, in arrival order.
 *
 * A decline is a result for its record alone. A failure (the processor unavailable) throws once
 * every call of the set has answered: the set rolls back and each record runs again alone, the
 * failing one throwing its kept failure without a second call (OutsideCalls), so it is
 * retried or dead-lettered on its own; its neighbours' calls repeat as idempotent replays.
 */
@Injectable()
export class AuthorizePayments {
  private readonly calls = new OutsideCalls();

  constructor(
    private readonly payments: PaymentRepository,
    private readonly workflow: PaymentWorkflow,
    private readonly clock: Clock,
  ) {}

  async authorize(requests: readonly AuthorizePaymentV1[], set: MessageSetContext): Promise<void> {
    const terms = requests.map(termsOf);
    for (const each of terms) {
      const refusal = refuseTerms(each);
      if (refusal) orPermanentFailure(asRefusal(refusal)); // dead-lettered alone once the set runs apart
    }
    const { manager } = set.tx;
    const now = this.clock.now();
    await this.payments.insertAllIfAbsent(
      manager,
      terms.map((each) => authorizingPayment(each, now)),
    );
    const locked = await this.payments.lockAll(
      manager,
      terms.map((each) => each.orderId),
    );
    const byOrder = indexesByOrder(terms);
    const outcomes = await allOrFirstFailure(
      [...byOrder].map(([orderId, indexes]) => this.advanceOrder(requests, set, locked.get(orderId) ?? null, indexes)),
    );
    const changed = outcomes.filter((o) => o.payment !== null && o.payment !== o.loaded).map((o) => o.payment!);
    await this.payments.updateAll(manager, changed);
    const eventsOf = new Map(outcomes.flatMap((outcome) => [...outcome.events]));
    for (const [index, record] of set.records.entries()) {
      await this.workflow.publish(record.origin(), eventsOf.get(index) ?? []);
    }
  }

  /** one order's requests in arrival order, each from where the one before it left the payment */
  private async advanceOrder(
    requests: readonly AuthorizePaymentV1[],
    set: MessageSetContext,
    loaded: Payment | null,
    indexes: readonly number[],
  ): Promise<OrderOutcome> {
    const events = new Map<number, readonly PaymentEvent[]>();
    let payment = loaded;
    for (const index of indexes) {
      const { paymentToken, ...terms } = requests[index];
      const input = { kind: 'authorize-requested', terms, paymentToken } as const;
      const from = payment;
      const step = await this.calls.call(set, index, () =>
        this.workflow.advance(set.records[index].origin(), from, input),
      );
      payment = step.payment;
      events.set(index, step.events);
    }
    return { loaded, payment, events };
  }
}

function termsOf({ paymentToken: _token, ...terms }: AuthorizePaymentV1): PaymentTerms {
  return terms;
}

/** the set's indexes per order (lower-cased, as the database answers uuids), in arrival order */
function indexesByOrder(terms: readonly PaymentTerms[]): Map<string, number[]> {
  const byOrder = new Map<string, number[]>();
  terms.forEach((each, index) => {
    const orderId = each.orderId.toLowerCase();
    byOrder.set(orderId, [...(byOrder.get(orderId) ?? []), index]);
  });
  return byOrder;
}
