import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import { Clock, Refusal, type Refusable } from '@platform/domain';
import { TransactionRunner, type Transaction } from '@platform/database';
import { activeTraceparent } from '@platform/observability';
import { OutboxWriter } from '@platform/outbox';
import type { Order } from '../../domain/order';
import { startOrderSaga } from '../../domain/order-saga';
import { priceOrder } from '../../domain/price-order';
import { IdempotencyKeyRepository } from '../../persistence/idempotency-key.repository';
import { OrderRepository } from '../../persistence/order.repository';
import { PriceListRepository } from '../../persistence/price-list.repository';
import { SagaRepository } from '../../persistence/saga.repository';
import { TimelineRepository } from '../../persistence/timeline.repository';
import { OrdersSettings } from '../../orders.settings';
import { eventsForEffects } from '../../saga/saga-effect-events';
import type { PlaceOrderRequest } from './place-order.request.dto';
import { PlaceOrderCommand, type PlaceOrderResult } from './place-order.command';
import { requestFingerprint } from './request-fingerprint';

/**
 * Places an order in one transaction: the idempotency key first (a replay answers with the
 * order it placed and writes nothing), then prices from the price list, the order PENDING, its
 * saga, the first timeline entry, and the saga's opening events (order-placed, reserve-stock,
 * authorize-payment). A refusal is thrown inside the transaction, which rolls the key back with
 * everything else, and returned outside it.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly keys: IdempotencyKeyRepository,
    private readonly prices: PriceListRepository,
    private readonly orders: OrderRepository,
    private readonly sagas: SagaRepository,
    private readonly timeline: TimelineRepository,
    private readonly settings: OrdersSettings,
    private readonly clock: Clock,
  ) {}

  async execute(command: PlaceOrderCommand): Promise<Refusable<PlaceOrderResult>> {
    try {
      return await this.transactions.run((tx) => this.place(tx, command));
    } catch (error) {
      if (error instanceof RolledBack) return error.refusal;
      throw error;
    }
  }

  /** everything in one transaction; a refusal is thrown as RolledBack */
  private async place(tx: Transaction, command: PlaceOrderCommand): Promise<PlaceOrderResult> {
    const now = this.clock.now();
    const orderId = uuidv7();
    if (command.idempotencyKey !== undefined) {
      const earlier = await this.claimKey(tx, command.idempotencyKey, command.request, orderId, now);
      if (earlier) return { orderId: earlier, placed: false };
    }
    const order = await this.price(tx, orderId, command.request);
    const start = startOrderSaga(now, this.settings.sagaTimeoutMs);
    await this.orders.insert(tx.manager, order, now);
    await this.sagas.insert(tx.manager, orderId, start.state, command.correlationId, now, activeTraceparent());
    await this.timeline.append(tx.manager, orderId, start.timeline);
    const events = eventsForEffects(order, start.effects, now, command.request.paymentToken);
    await this.outbox.append(tx, { correlationId: command.correlationId }, events);
    return { orderId, placed: true };
  }

  /** undefined when this request now owns the key; the earlier order's id when it is a replay */
  private async claimKey(
    tx: Transaction,
    key: string,
    request: PlaceOrderRequest,
    orderId: string,
    now: Date,
  ): Promise<string | undefined> {
    const hash = requestFingerprint(request);
    const expiredBefore = new Date(now.getTime() - this.settings.idempotencyKeyRetentionMs);
    if (await this.keys.claim(tx.manager, { key, requestHash: hash, orderId, now, expiredBefore })) return undefined;
    const stored = await this.keys.find(tx.manager, key);
    if (!stored) throw new Error(`idempotency key ${key} conflicted but cannot be read`);
    if (stored.requestHash === hash) return stored.orderId;
    throw new RolledBack(
      Refusal.invalid('ORDER.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request.'),
    );
  }

  private async price(tx: Transaction, orderId: string, request: PlaceOrderRequest): Promise<Order> {
    const lines = request.lines.map(({ sku, quantity }) => ({ sku, quantity }));
    const priceList = await this.prices.findBySkus(
      tx.manager,
      lines.map((line) => line.sku),
    );
    const priced = priceOrder(request.currency, lines, priceList);
    if (!priced.ok) throw new RolledBack(Refusal.invalid(priced.code, priced.detail, priced.errors));
    const { name, line1, line2, city, postalCode, country } = request.shippingAddress;
    return {
      id: orderId,
      customerId: request.customerId,
      customerEmail: request.customerEmail,
      currency: request.currency,
      totalMinor: priced.totalMinor,
      lines: priced.lines,
      shippingAddress: { name, line1, line2: line2 ?? null, city, postalCode, country },
    };
  }
}

/** A refusal on its way out of the transaction it rolls back; caught by execute, never seen outside. */
class RolledBack extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail);
  }
}
