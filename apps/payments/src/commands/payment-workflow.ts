import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '@platform/domain';
import type { Transaction } from '@platform/database';
import { PermanentFailure, RETRY_POLICY, type MessageOrigin, type RetryPolicy } from '@platform/messaging';
import { OutboxWriter } from '@platform/outbox';
import { PaymentProcessorGateway } from '../adapters/payment-processor.gateway';
import type { Payment } from '../domain/payment';
import type { PaymentEvent } from '../domain/payment-events';
import { refuseOrderId } from '../domain/payment-request-validation';
import { transition, type PaymentInput } from '../domain/payment-state-machine';
import { PaymentRepository } from '../persistence/payment.repository';
import { toOutboxEvent } from './payment-events.outbox';
import { performAction } from './processor-actions';

/** Another transaction recorded this order's payment between our read and our insert: retry. */
export class ConcurrentPaymentChangeError extends Error {
  constructor(orderId: string) {
    super(`payment ${orderId} was recorded concurrently; retrying`);
    this.name = 'ConcurrentPaymentChangeError';
  }
}

/** where one request left its payment (the same object when nothing changed), and what it published */
export interface Advanced {
  readonly payment: Payment | null;
  readonly events: readonly PaymentEvent[];
}

/**
 * Load (locked), decide, call the processor, save, publish: one request run through the state
 * machine to the end inside the consumer pipeline's transaction. Every command of this context
 * ends here.
 */
@Injectable()
export class PaymentWorkflow {
  private readonly logger = new Logger('PaymentWorkflow');
  private readonly maxAttempts: number;

  constructor(
    private readonly payments: PaymentRepository,
    private readonly processors: PaymentProcessorGateway,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
    @Inject(RETRY_POLICY) retryPolicy: RetryPolicy,
  ) {
    this.maxAttempts = retryPolicy.maxAttempts;
  }

  /** for a request about an order that may have no payment yet: refuses a malformed id, then locks and runs */
  async request(origin: MessageOrigin, orderId: string, input: PaymentInput): Promise<void> {
    const refusal = refuseOrderId(orderId);
    if (refusal) throw new PermanentFailure(refusal.code, refusal.message);
    await this.run(origin, await this.payments.lock(origin.tx.manager, orderId), input);
  }

  /** `loaded` must be locked by this transaction (or absent) */
  async run(origin: MessageOrigin, loaded: Payment | null, input: PaymentInput): Promise<void> {
    const { payment, events } = await this.advance(origin, loaded, input);
    await this.save(origin.tx, loaded, payment);
    await this.publish(origin, events);
  }

  /**
   * The state machine run to the end for one request, with the processor calls it asks for; it
   * writes nothing but the processor's journal, so a set of requests can advance side by side
   * and be saved together. `loaded` must be locked by this transaction (or absent).
   */
  async advance(origin: MessageOrigin, loaded: Payment | null, input: PaymentInput): Promise<Advanced> {
    const { tx, delivery } = origin;
    const processor = this.processors.within(tx, origin.metadata.causationId);
    const lastAttempt = delivery.attempt >= this.maxAttempts;
    const events: PaymentEvent[] = [];
    let payment = loaded;
    for (let next: PaymentInput | null = input; next;) {
      const step = transition(payment, next, this.clock.now());
      if (step.ignored) this.logger.warn(`${delivery.topic} for order ${orderIdOf(payment, input)}: ${step.ignored}`);
      payment = step.payment;
      events.push(...step.events);
      next = step.action ? await performAction(processor, step.action, lastAttempt) : null;
    }
    return { payment, events };
  }

  /** appends the events a request caused, with its metadata */
  async publish(origin: MessageOrigin, events: readonly PaymentEvent[]): Promise<void> {
    await this.outbox.append(origin.tx, origin.metadata, events.map(toOutboxEvent));
  }

  private async save(tx: Transaction, loaded: Payment | null, payment: Payment | null): Promise<void> {
    if (payment === null || payment === loaded) return; // transitions return the same object when nothing changed
    if (loaded) return this.payments.update(tx.manager, payment);
    if (!(await this.payments.insertIfAbsent(tx.manager, payment)))
      throw new ConcurrentPaymentChangeError(payment.orderId);
  }
}

function orderIdOf(payment: Payment | null, input: PaymentInput): string {
  if (payment) return payment.orderId;
  return 'orderId' in input ? input.orderId : 'terms' in input ? input.terms.orderId : 'unknown';
}
