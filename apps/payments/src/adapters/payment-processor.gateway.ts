import type { Transaction } from '@platform/database';
import type { PaymentProcessor } from '../domain/payment-processor.port';

/**
 * How handlers reach the processor (the DI token). A handler asks for the processor `within`
 * its transaction, so an adapter that journals its calls (the fake does, in
 * payments.processor_calls) writes that journal in the same commit as the payment it changed:
 * a rolled-back attempt leaves no trace, a committed one leaves exactly its calls. `causeEventId`
 * is the input event being handled: a shadow's recording adapter writes it down with each call.
 */
export abstract class PaymentProcessorGateway {
  abstract within(tx: Transaction, causeEventId?: string): PaymentProcessor;
}
