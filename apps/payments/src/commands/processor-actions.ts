import { unreachable } from '@platform/domain';
import { ProcessorUnavailableError, type PaymentProcessor } from '../domain/payment-processor.port';
import type { ProcessorAction, ProcessorAnswer } from '../domain/payment-state-machine';

/**
 * Makes the processor call the state machine asked for and turns the answer into its next
 * input. A transient failure is thrown so the pipeline retries the whole transaction, except on
 * the last attempt of an authorisation: then it becomes a decline (PROCESSOR_UNAVAILABLE), so
 * the saga gets an answer instead of waiting on a dead letter. Capture, void and refund keep
 * throwing and are dead-lettered for an operator to re-drive: money is at stake either way.
 */
export async function performAction(
  processor: PaymentProcessor,
  action: ProcessorAction,
  lastAttempt: boolean,
): Promise<ProcessorAnswer> {
  switch (action.op) {
    case 'authorize':
      try {
        const result = await processor.authorize(action);
        return result.outcome === 'authorized'
          ? { kind: 'processor-authorized', authorizationId: result.authorizationId }
          : { kind: 'processor-declined', reason: result.reason, detail: result.detail };
      } catch (error) {
        if (!(lastAttempt && error instanceof ProcessorUnavailableError)) throw error;
        return { kind: 'processor-declined', reason: 'PROCESSOR_UNAVAILABLE', detail: error.message };
      }
    case 'void':
      await processor.void(action);
      return { kind: 'processor-voided' };
    case 'capture':
      await processor.capture(action);
      return { kind: 'processor-captured' };
    case 'refund':
      await processor.refund(action);
      return { kind: 'processor-refunded' };
    default:
      return unreachable(action);
  }
}
