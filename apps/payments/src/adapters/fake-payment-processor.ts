import { randomUUID } from 'node:crypto';
import type { Transaction } from '@platform/database';
import {
  ProcessorUnavailableError,
  type AuthorizeRequest,
  type AuthorizeResult,
  type PaymentProcessor,
  type SettleRequest,
} from '../domain/payment-processor.port';
import type { FakeProcessorSettings } from '../payments.settings';
import type { ProcessorMode } from './processor-modes';
import { PaymentProcessorGateway } from './payment-processor.gateway';
import { TableCallJournal, type ProcessorCall, type ProcessorCallJournal } from './processor-call-journal';
import { TIMED_OUT, withTimeout } from './with-timeout';

type SettleOperation = 'capture' | 'void' | 'refund';
const SETTLED = { capture: 'captured', void: 'voided', refund: 'refunded' } as const;

/**
 * A card processor for development and tests, with test tokens and switchable failure modes:
 * - `tok_decline` is declined; `tok_flaky` fails transiently PAYMENTS_FLAKY_FAILURES times per
 *   authorisation, then succeeds; `tok_timeout` never answers; any other `tok_...` succeeds;
 * - the operator mode (decline-all, fail-all) overrides the tokens.
 *
 * Like a real processor it honours idempotency keys: a second authorize with the same key
 * returns the first answer and is journalled as `replayed`. That memory lives in this process,
 * as a real processor's lives outside our database, so a rolled-back attempt does not erase it;
 * it does not survive a restart. Every call is journalled in payments.processor_calls through
 * the caller's transaction.
 */
export class FakePaymentProcessor extends PaymentProcessorGateway {
  private mode: ProcessorMode = 'normal';
  private readonly answers = new Map<string, AuthorizeResult>();
  private readonly flakyFailures = new Map<string, number>();
  private readonly settled = new Set<string>();

  constructor(private readonly settings: FakeProcessorSettings) {
    super();
  }

  get currentMode(): ProcessorMode {
    return this.mode;
  }

  switchTo(mode: ProcessorMode): void {
    this.mode = mode;
  }

  /** how many transient failures `tok_flaky` has served for this idempotency key */
  transientFailuresFor(idempotencyKey: string): number {
    return this.flakyFailures.get(idempotencyKey) ?? 0;
  }

  within(tx: Transaction): PaymentProcessor {
    return this.journallingTo(TableCallJournal.of(tx));
  }

  journallingTo(journal: ProcessorCallJournal): PaymentProcessor {
    return {
      authorize: (request) => this.authorize(journal, request),
      capture: (request) => this.settle(journal, 'capture', request),
      void: (request) => this.settle(journal, 'void', request),
      refund: (request) => this.settle(journal, 'refund', request),
    };
  }

  private async authorize(journal: ProcessorCallJournal, request: AuthorizeRequest): Promise<AuthorizeResult> {
    const call = { operation: 'authorize', orderId: request.orderId, amountMinor: request.amountMinor } as const;
    const first = this.answers.get(request.idempotencyKey);
    if (first) {
      await journal.record({ ...call, authorizationId: authorizationIdIn(first), outcome: 'replayed' });
      return first;
    }
    const answer = await this.call(journal, { ...call, authorizationId: null }, this.processorAuthorizes(request));
    if (answer === TIMED_OUT) {
      // A real adapter would also reverse by idempotency key here, in case the processor did
      // authorise after all; the fake's tok_timeout never authorises, so nothing is held.
      const detail = `the processor did not answer within ${this.settings.timeoutMs} ms`;
      return { outcome: 'declined', reason: 'TIMEOUT', detail };
    }
    this.answers.set(request.idempotencyKey, answer);
    await journal.record({ ...call, authorizationId: authorizationIdIn(answer), outcome: answer.outcome });
    return answer;
  }

  private async settle(
    journal: ProcessorCallJournal,
    operation: SettleOperation,
    request: SettleRequest,
  ): Promise<void> {
    const call: Omit<ProcessorCall, 'outcome'> = { operation, ...request };
    const key = `${operation}:${request.authorizationId}`;
    if (this.settled.has(key)) return journal.record({ ...call, outcome: 'replayed' });
    const answer = await this.call(journal, call, this.processorSettles(operation));
    // unlike an authorisation, these are safe to repeat: retry rather than guess
    if (answer === TIMED_OUT) throw new ProcessorUnavailableError(`${operation}: no answer from the processor`);
    this.settled.add(key);
    await journal.record({ ...call, outcome: SETTLED[operation] });
  }

  /** waits for the processor at most PAYMENTS_PROCESSOR_TIMEOUT_MS; journals failures and timeouts */
  private async call<T>(
    journal: ProcessorCallJournal,
    call: Omit<ProcessorCall, 'outcome'>,
    answer: Promise<T>,
  ): Promise<T | typeof TIMED_OUT> {
    try {
      const result = await withTimeout(answer, this.settings.timeoutMs);
      if (result === TIMED_OUT) await journal.record({ ...call, outcome: 'timeout' });
      return result;
    } catch (error) {
      await journal.record({ ...call, outcome: 'failed' });
      throw error;
    }
  }

  /** the processor's side of an authorisation, by mode and test token */
  private async processorAuthorizes(request: AuthorizeRequest): Promise<AuthorizeResult> {
    if (this.mode === 'fail-all') throw new ProcessorUnavailableError('the processor is failing every call (fail-all)');
    if (this.mode === 'decline-all') return declined('the processor declines every authorisation (decline-all)');
    const token = request.paymentToken;
    if (token === 'tok_decline') return declined('card declined');
    if (token === 'tok_timeout') return new Promise<never>(() => undefined);
    if (token === 'tok_flaky') this.failFlakyAttempt(request.idempotencyKey);
    if (!token.startsWith('tok_')) return declined('unknown payment token');
    return { outcome: 'authorized', authorizationId: `auth_${randomUUID()}` };
  }

  private async processorSettles(operation: SettleOperation): Promise<void> {
    if (this.mode === 'fail-all')
      throw new ProcessorUnavailableError(`${operation}: the processor is failing every call`);
  }

  private failFlakyAttempt(idempotencyKey: string): void {
    const failed = this.transientFailuresFor(idempotencyKey);
    if (failed >= this.settings.flakyFailures) return;
    this.flakyFailures.set(idempotencyKey, failed + 1);
    throw new ProcessorUnavailableError(
      `transient failure ${failed + 1} of ${this.settings.flakyFailures} (tok_flaky)`,
    );
  }
}

function declined(detail: string): AuthorizeResult {
  return { outcome: 'declined', reason: 'DECLINED', detail };
}

function authorizationIdIn(result: AuthorizeResult): string | null {
  return result.outcome === 'authorized' ? result.authorizationId : null;
}
