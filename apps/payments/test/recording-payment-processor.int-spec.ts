import { randomUUID } from 'node:crypto';
import { openContextDataSource, TransactionRunner, type DatabaseTarget } from '@platform/database';
import { contextMigrations, createGatewayCallsTableSql } from '@platform/messaging';
import { createTestDatabase, requirePostgresUrl } from '@platform/testing';
import type { DataSource } from 'typeorm';
import { RecordingPaymentProcessor } from '../src/adapters/recording-payment-processor';
import { PaymentsTables1764300000000 } from '../src/persistence/payments.migration';

const SUITE = "a shadow's payment processor records its calls instead of making them";
const postgres = requirePostgresUrl(SUITE);

/** ADR 0021: the answers of the fake's normal mode, each call written down with its cause, in the caller's transaction */
(postgres ? describe : describe.skip)(SUITE, () => {
  let db: DatabaseTarget;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    ds = await openContextDataSource(db, {
      context: 'payments',
      migrations: contextMigrations({ migrations: [PaymentsTables1764300000000] }),
      poolSize: 2,
    });
    for (const sql of createGatewayCallsTableSql('payments')) await ds.query(sql);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.release();
  });

  it('answers by test token, journals as the fake does, and records each call with the input that caused it', async () => {
    const processor = new RecordingPaymentProcessor({ flakyFailures: 0, timeoutMs: 200 });
    const [paid, declined] = [randomUUID(), randomUUID()];
    const cause = randomUUID();
    const request = (orderId: string, paymentToken: string) => ({
      orderId,
      paymentToken,
      amountMinor: 1290,
      currency: 'EUR',
      idempotencyKey: orderId,
    });
    const answers = await new TransactionRunner(ds).run(async (tx) => {
      const calls = processor.within(tx, cause);
      const authorized = await calls.authorize(request(paid, 'tok_visa'));
      const refused = await calls.authorize(request(declined, 'tok_decline'));
      if (authorized.outcome !== 'authorized') throw new Error('tok_visa was not authorised');
      await calls.capture({ orderId: paid, authorizationId: authorized.authorizationId, amountMinor: 1290 });
      return { authorized, refused };
    });
    expect(answers.refused).toMatchObject({ outcome: 'declined' });

    const recorded = (await ds.query(
      `SELECT gateway, operation, cause_event_id::text AS cause, request->>'orderId' AS order_id, answer
         FROM payments.shadow_gateway_calls ORDER BY id`,
    )) as Array<Record<string, unknown>>;
    expect(recorded).toEqual([
      { gateway: 'payment-processor', operation: 'authorize', cause, order_id: paid, answer: answers.authorized },
      { gateway: 'payment-processor', operation: 'authorize', cause, order_id: declined, answer: answers.refused },
      { gateway: 'payment-processor', operation: 'capture', cause, order_id: paid, answer: 'captured' },
    ]);
    const journal = (await ds.query(
      `SELECT operation, outcome FROM payments.processor_calls ORDER BY id`,
    )) as unknown[];
    expect(journal).toEqual([
      { operation: 'authorize', outcome: 'authorized' },
      { operation: 'authorize', outcome: 'declined' },
      { operation: 'capture', outcome: 'captured' },
    ]);
  });

  it('leaves no call behind when the handler’s transaction rolls back', async () => {
    const processor = new RecordingPaymentProcessor({ flakyFailures: 0, timeoutMs: 200 });
    const orderId = randomUUID();
    await expect(
      new TransactionRunner(ds).run(async (tx) => {
        await processor
          .within(tx, randomUUID())
          .authorize({ orderId, paymentToken: 'tok_visa', amountMinor: 1, currency: 'EUR', idempotencyKey: orderId });
        throw new Error('the handler failed after the call');
      }),
    ).rejects.toThrow('the handler failed');
    const [row] = (await ds.query(
      `SELECT count(*)::int AS n FROM payments.shadow_gateway_calls WHERE request->>'orderId' = $1`,
      [orderId],
    )) as Array<{ n: number }>;
    expect(row.n).toBe(0);
  });
});
