import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { Clock, Refusal, type Refusable } from '@platform/domain';
import type { InContext, Transaction } from '@platform/database';
import { OutboxWriter } from '@platform/outbox';
import type { Order } from '../../domain/order';
import { startOrderSaga } from '../../domain/order-saga';
import { priceOrder, type OrderRefusal, type PricedOrder } from '../../domain/price-order';
import { IdempotencyKeyRepository } from '../../persistence/idempotency-key.repository';
import { OrderRepository } from '../../persistence/order.repository';
import { PriceListRepository } from '../../persistence/price-list.repository';
import { SagaRepository } from '../../persistence/saga.repository';
import { TimelineRepository } from '../../persistence/timeline.repository';
import { OrdersSettings } from '../../orders.settings';
import { eventsForEffects } from '../../saga/saga-effect-events';
import { claimsOf, keyOutcomes, keysToRead, type KeyOutcome, type RequestInSet } from './idempotency-keys-in-set';
import type { OrderPlacement } from './order-placement';
import type { PlaceOrderResult } from './place-order.command';
import { requestFingerprint } from './request-fingerprint';

const KEY_REUSED = Refusal.invalid(
  'ORDER.IDEMPOTENCY_KEY_REUSED',
  'This Idempotency-Key was already used for a different request.',
);

/**
 * Places a set of orders in the caller's transaction with a handful of statements, whatever its
 * size: one read of the price list for every sku of the set, one claim of every idempotency key
 * (and one read of those that were taken; idempotency-keys-in-set.ts), then each of the orders,
 * sagas and first timeline entries in one multi-row insert, and the saga's opening events
 * (order-placed, reserve-stock, authorize-payment), which the outbox writes in one statement at
 * commit. `results[i]` answers `placements[i]`: a refusal is an answer, so it never fails the set,
 * and a refused request writes nothing (it never claims its key). A replay answers with the
 * order it placed and writes nothing.
 */
@Injectable()
export class PlaceOrderSet {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly keys: IdempotencyKeyRepository,
    private readonly prices: PriceListRepository,
    private readonly orders: OrderRepository,
    private readonly sagas: SagaRepository,
    private readonly timeline: TimelineRepository,
    private readonly settings: OrdersSettings,
    private readonly clock: Clock,
  ) {}

  /** `inRequestContexts[i]` runs work in placement i's own request context (GroupCommit's SetWork) */
  async place(
    tx: Transaction,
    placements: readonly OrderPlacement[],
    inRequestContexts: readonly InContext[],
  ): Promise<Array<Refusable<PlaceOrderResult>>> {
    const now = this.clock.now();
    const priced = await this.price(tx, placements);
    const requests = placements.map(({ command }, index): RequestInSet => {
      const { idempotencyKey: key, request } = command;
      const idempotency = key === undefined ? undefined : { key, requestHash: requestFingerprint(request) };
      return { idempotency, orderId: uuidv7(), priced: priced[index].ok };
    });
    const outcomes = await this.settleKeys(tx, requests, now);
    const placing = outcomes.flatMap((outcome, index) =>
      outcome.kind === 'place'
        ? [
            {
              placement: placements[index],
              inRequestContext: inRequestContexts[index],
              order: orderOf(requests[index].orderId, placements[index], priced[index]),
            },
          ]
        : [],
    );
    await this.write(tx, placing, now);
    return outcomes.map((outcome, index) => answerOf(outcome, requests[index].orderId, priced[index]));
  }

  /** every request of the set priced from one read of the price list */
  private async price(
    tx: Transaction,
    placements: readonly OrderPlacement[],
  ): Promise<Array<PricedOrder | OrderRefusal>> {
    const requested = placements.map(({ command }) =>
      command.request.lines.map(({ sku, quantity }) => ({ sku, quantity })),
    );
    const skus = [...new Set(requested.flat().map((line) => line.sku))];
    const priceList = await this.prices.findBySkus(tx.manager, skus);
    return requested.map((lines, index) => priceOrder(placements[index].command.request.currency, lines, priceList));
  }

  private async settleKeys(tx: Transaction, requests: readonly RequestInSet[], now: Date): Promise<KeyOutcome[]> {
    const expiredBefore = new Date(now.getTime() - this.settings.idempotencyKeyRetentionMs);
    const claimed = await this.keys.claimAll(tx.manager, claimsOf(requests), now, expiredBefore);
    const stored = await this.keys.findLive(tx.manager, keysToRead(requests, claimed), expiredBefore);
    return keyOutcomes(requests, claimed, stored);
  }

  private async write(
    tx: Transaction,
    placing: ReadonlyArray<{ placement: OrderPlacement; inRequestContext: InContext; order: Order }>,
    now: Date,
  ): Promise<void> {
    const start = startOrderSaga(now, this.settings.sagaTimeoutMs);
    await this.orders.insertAll(
      tx.manager,
      placing.map(({ order }) => order),
      now,
    );
    await this.sagas.insertAll(
      tx.manager,
      placing.map(({ placement: { command, traceparent }, order }) => ({
        orderId: order.id,
        state: start.state,
        correlationId: command.correlationId,
        traceparent,
      })),
      now,
    );
    await this.timeline.appendAll(
      tx.manager,
      placing.map(({ order }) => ({ orderId: order.id, entries: start.timeline })),
    );
    for (const { placement, inRequestContext, order } of placing) {
      const { correlationId, request } = placement.command;
      const events = eventsForEffects(order, start.effects, now, request.paymentToken);
      await inRequestContext(() => this.outbox.append(tx, { correlationId }, events));
    }
  }
}

function answerOf(
  outcome: KeyOutcome,
  orderId: string,
  priced: PricedOrder | OrderRefusal,
): Refusable<PlaceOrderResult> {
  switch (outcome.kind) {
    case 'place':
      return { orderId, placed: true };
    case 'replay':
      return { orderId: outcome.orderId, placed: false };
    case 'reused':
      return KEY_REUSED;
    case 'refused':
      if (priced.ok) throw new Error('a priced request cannot be refused by the price list');
      return Refusal.invalid(priced.code, priced.detail, priced.errors);
  }
}

function orderOf(id: string, { command }: OrderPlacement, priced: PricedOrder | OrderRefusal): Order {
  if (!priced.ok) throw new Error(`order ${id} placed without prices`);
  const { request } = command;
  const { name, line1, line2, city, postalCode, country } = request.shippingAddress;
  return {
    id,
    customerId: request.customerId,
    customerEmail: request.customerEmail,
    currency: request.currency,
    totalMinor: priced.totalMinor,
    lines: priced.lines,
    shippingAddress: { name, line1, line2: line2 ?? null, city, postalCode, country },
  };
}
