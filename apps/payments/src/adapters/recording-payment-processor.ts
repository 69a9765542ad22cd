import type { Transaction } from '@platform/database';
import { recordGatewayCall } from '@platform/messaging';
import { PAYMENTS } from '../context';
import type { PaymentProcessor } from '../domain/payment-processor.port';
import { FakePaymentProcessor } from './fake-payment-processor';
import type { FakeProcessorSettings } from '../payments.settings';
import { PaymentProcessorGateway } from './payment-processor.gateway';

/**
 * The processor of a shadow run (SHADOW=true, ADR 0021): it calls nobody. It answers as the fake
 * processor's normal mode does (by test token; operator modes do not reach it) and records each
 * call with its answer and the input event that caused it in payments.shadow_gateway_calls,
 * through the handler's transaction.
 */
export class RecordingPaymentProcessor extends PaymentProcessorGateway {
  private readonly normal: FakePaymentProcessor;

  constructor(settings: FakeProcessorSettings) {
    super();
    this.normal = new FakePaymentProcessor(settings);
  }

  within(tx: Transaction, causeEventId?: string): PaymentProcessor {
    const answers = this.normal.within(tx);
    const record = (operation: string, request: unknown, answer: unknown) =>
      recordGatewayCall(tx, PAYMENTS, { gateway: 'payment-processor', operation, causeEventId, request, answer });
    return {
      authorize: async (request) => {
        const answer = await answers.authorize(request);
        await record('authorize', request, answer);
        return answer;
      },
      capture: async (request) => {
        await answers.capture(request);
        await record('capture', request, 'captured');
      },
      void: async (request) => {
        await answers.void(request);
        await record('void', request, 'voided');
      },
      refund: async (request) => {
        await answers.refund(request);
        await record('refund', request, 'refunded');
      },
    };
  }
}
