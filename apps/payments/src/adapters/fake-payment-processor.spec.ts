import { ProcessorUnavailableError, type AuthorizeRequest } from '../domain/payment-processor.port';
import { FakePaymentProcessor } from './fake-payment-processor';
import type { ProcessorCall, ProcessorCallJournal } from './processor-call-journal';

class MemoryJournal implements ProcessorCallJournal {
  readonly calls: ProcessorCall[] = [];
  async record(call: ProcessorCall): Promise<void> {
    this.calls.push(call);
  }
  outcomes(): string[] {
    return this.calls.map((c) => `${c.operation}:${c.outcome}`);
  }
}

const orderId = '0190a5b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b';
const request = (paymentToken: string, idempotencyKey = orderId): AuthorizeRequest => ({
  orderId,
  paymentToken,
  amountMinor: 1_250,
  currency: 'EUR',
  idempotencyKey,
});

function fake(flakyFailures = 2, timeoutMs = 30): { processor: FakePaymentProcessor; journal: MemoryJournal } {
  return { processor: new FakePaymentProcessor({ flakyFailures, timeoutMs }), journal: new MemoryJournal() };
}

describe('the fake payment processor', () => {
  it('authorises tok_visa (and any tok_...) and journals the call with its amount', async () => {
    const { processor, journal } = fake();
    const result = await processor.journallingTo(journal).authorize(request('tok_visa'));
    expect(result).toEqual({ outcome: 'authorized', authorizationId: expect.stringMatching(/^auth_/) });
    expect(await processor.journallingTo(journal).authorize(request('tok_mastercard', 'other'))).toMatchObject({
      outcome: 'authorized',
    });
    expect(journal.calls[0]).toMatchObject({
      operation: 'authorize',
      orderId,
      amountMinor: 1_250,
      outcome: 'authorized',
    });
  });

  it('declines tok_decline and a token that is not a test token', async () => {
    const { processor, journal } = fake();
    const p = processor.journallingTo(journal);
    expect(await p.authorize(request('tok_decline'))).toMatchObject({ outcome: 'declined', reason: 'DECLINED' });
    expect(await p.authorize(request('4111111111111111', 'k2'))).toMatchObject({ outcome: 'declined' });
    expect(journal.outcomes()).toEqual(['authorize:declined', 'authorize:declined']);
  });

  it('replays the first answer for a repeated idempotency key, journalled as replayed', async () => {
    const { processor, journal } = fake();
    const p = processor.journallingTo(journal);
    const first = await p.authorize(request('tok_visa'));
    const again = await p.authorize(request('tok_visa'));
    expect(again).toEqual(first);
    expect(journal.outcomes()).toEqual(['authorize:authorized', 'authorize:replayed']);
  });

  it('fails tok_flaky transiently N times per authorisation, then succeeds once', async () => {
    const { processor, journal } = fake(2);
    const p = processor.journallingTo(journal);
    await expect(p.authorize(request('tok_flaky'))).rejects.toBeInstanceOf(ProcessorUnavailableError);
    await expect(p.authorize(request('tok_flaky'))).rejects.toThrow('transient failure 2 of 2');
    expect(await p.authorize(request('tok_flaky'))).toMatchObject({ outcome: 'authorized' });
    expect(processor.transientFailuresFor(orderId)).toBe(2);
    expect(journal.outcomes()).toEqual(['authorize:failed', 'authorize:failed', 'authorize:authorized']);
  });

  it('gives up on tok_timeout after the timeout, with a real timer: declined TIMEOUT', async () => {
    const { processor, journal } = fake(2, 30);
    const started = Date.now();
    const result = await processor.journallingTo(journal).authorize(request('tok_timeout'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    expect(result).toMatchObject({ outcome: 'declined', reason: 'TIMEOUT' });
    expect(journal.outcomes()).toEqual(['authorize:timeout']);
  });

  it('captures, voids and refunds once per authorisation; a repeat is journalled as replayed', async () => {
    const { processor, journal } = fake();
    const p = processor.journallingTo(journal);
    const settle = { orderId, authorizationId: 'auth_1', amountMinor: 1_250 };
    await p.capture(settle);
    await p.capture(settle);
    await p.refund(settle);
    await p.void({ ...settle, authorizationId: 'auth_2' });
    expect(journal.outcomes()).toEqual(['capture:captured', 'capture:replayed', 'refund:refunded', 'void:voided']);
  });

  it('declines every authorisation in decline-all and fails every call in fail-all', async () => {
    const { processor, journal } = fake();
    const p = processor.journallingTo(journal);
    processor.switchTo('decline-all');
    expect(await p.authorize(request('tok_visa', 'a'))).toMatchObject({ outcome: 'declined', reason: 'DECLINED' });
    processor.switchTo('fail-all');
    await expect(p.authorize(request('tok_visa', 'b'))).rejects.toBeInstanceOf(ProcessorUnavailableError);
    await expect(p.void({ orderId, authorizationId: 'auth_1', amountMinor: 1 })).rejects.toBeInstanceOf(
      ProcessorUnavailableError,
    );
    processor.switchTo('normal');
    expect(await p.authorize(request('tok_visa', 'b'))).toMatchObject({ outcome: 'authorized' });
    expect(processor.currentMode).toBe('normal');
  });
});
