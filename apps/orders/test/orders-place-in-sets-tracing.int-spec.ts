import { CommandBus } from '@nestjs/cqrs';
import { trace, type SpanContext } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-node';
import { isRefusal } from '@platform/domain';
import { HEADER } from '@platform/events';
import { startTracing, type TracingHandle } from '@platform/observability';
import { databaseBackends, type ContextTestApp } from '@platform/testing';
import { PlaceOrderCommand } from '../src/commands/place-order/place-order.command';
import type { PlaceOrderRequest } from '../src/commands/place-order/place-order.request.dto';
import { orderBody, startOrdersTestApp } from './orders-test-kit';

/**
 * A set of placements runs in the async context of its first request, yet each order stays in
 * its own request's trace: its saga remembers that request's span, and its events' create spans
 * hang under it. One backend is enough: spans do not depend on the database.
 */
const backend = databaseBackends().at(-1)!;

describe(`the traces of orders placed in one set (${backend})`, () => {
  const exporter = new InMemorySpanExporter();
  let tracing: TracingHandle | undefined;
  let t: ContextTestApp;

  beforeAll(async () => {
    tracing = await startTracing({ service: 'orders-sets-test', exporter, env: {} });
    t = await startOrdersTestApp(backend, { ORDERS_SAGA_TIMEOUT_MS: '600000' });
  });

  afterAll(async () => {
    await t?.close();
    await tracing?.stop();
  });

  it('keeps each order in the trace of the request that placed it', async () => {
    // given: three requests, each in a span of its own; the first has a transaction to itself,
    // the two others are submitted meanwhile and placed as one set
    const bus = t.app.get(CommandBus);
    const requests = [1, 2, 3].map((n) =>
      trace.getTracer('test').startActiveSpan(`request ${n}`, async (span) => {
        const command = new PlaceOrderCommand(orderBody() as unknown as PlaceOrderRequest, undefined, `corr-${n}`);
        const answer = await bus.execute(command);
        span.end();
        if (isRefusal(answer)) throw new Error(`request ${n} refused: ${answer.code}`);
        return { orderId: answer.orderId, span: span.spanContext() };
      }),
    );
    const placed = await Promise.all(requests);
    const txs: Array<{ tx: string }> = await t.db.query(
      `SELECT DISTINCT xmin::text AS tx FROM orders.orders WHERE id = ANY($1::uuid[])`,
      [placed.slice(1).map((p) => p.orderId)],
    );
    expect(txs).toHaveLength(1);
    // then: the saga and every event of each order carry that order's request span
    for (const { orderId, span } of placed) {
      const [saga]: Array<{ traceparent: string }> = await t.db.query(
        `SELECT traceparent FROM orders.sagas WHERE order_id = $1`,
        [orderId],
      );
      expect(saga.traceparent).toBe(`00-${span.traceId}-${span.spanId}-01`);
      const events: Array<{ traceparent: string }> = await t.db.query(
        `SELECT headers->>'${HEADER.traceparent}' AS traceparent FROM orders.outbox WHERE msg_key = $1`,
        [orderId],
      );
      expect(events).toHaveLength(3);
      for (const event of events)
        expect(createdUnder(event.traceparent)).toEqual({ traceId: span.traceId, spanId: span.spanId });
    }
  });

  /** the span context of the parent of the create span this traceparent names */
  function createdUnder(traceparent: string): Pick<SpanContext, 'traceId' | 'spanId'> | undefined {
    const created = exporter.getFinishedSpans().find((s) => traceparent.includes(s.spanContext().spanId));
    const parent = created?.parentSpanContext;
    return parent && { traceId: created.spanContext().traceId, spanId: parent.spanId };
  }
});
