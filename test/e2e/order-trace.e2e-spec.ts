import { randomBytes } from 'node:crypto';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InProcessPublisher } from '@platform/messaging';
import { HEADER } from '@platform/events';
import { startTracing, type TracingHandle } from '@platform/observability';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { databaseBackends, eventually } from '@platform/testing';
import { createProduct, orderBody, waitForStatus } from './support/order-flow';
import { LIFECYCLE_SETTINGS } from './support/order-lifecycle-scenarios';
import { startPlatform, type RunningPlatform } from './support/running-platform';
import { TraceTree } from './support/trace-tree';

/**
 * Tracing in the single binary: the SDK exports to memory (startTracing's test hook), one order
 * goes through, and its whole journey must be one trace that starts at the caller's
 * `traceparent`: POST /orders, then for every hop a `create <topic>` span under the span that
 * wrote the event and a `process <topic>` span under that. One backend is enough: spans do not
 * depend on the database.
 */
const backend = databaseBackends().at(-1)!;

describe(`tracing one order across the single binary (${backend})`, () => {
  const exporter = new InMemorySpanExporter();
  let tracing: TracingHandle | undefined;
  let p: RunningPlatform;

  beforeAll(async () => {
    tracing = await startTracing({ service: 'monolith', exporter, env: {} });
    // the carrier clock runs, and moves a shipment on at every tick: its steps are a timer's work
    p = await startPlatform(backend, {
      ...LIFECYCLE_SETTINGS,
      SHIPPING_AUTO_ADVANCE: 'true',
      SHIPPING_DISPATCH_AFTER_MS: '0',
      SHIPPING_DELIVER_AFTER_MS: '0',
      SHIPPING_TICK_MS: '50',
    });
  });

  afterAll(async () => {
    await p?.stop();
    await tracing?.stop();
  });

  const traceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');
  let orderId: string;
  let tree: TraceTree;

  it('makes POST /orders and every hop of the order one trace, under the caller', async () => {
    const sku = await createProduct(p, 10);
    const { data, response } = await p.api.POST('/orders', {
      body: orderBody({ lines: [{ sku, quantity: 1 }] }),
      headers: { traceparent: `00-${traceId}-${callerSpanId}-01` },
    });
    expect(response.status).toBe(202);
    orderId = (data as { orderId: string }).orderId;
    await waitForStatus(p, orderId, 'CONFIRMED');

    const wanted = ['orders', 'inventory', 'payments', 'shipping', 'notifications', 'loyalty', 'analytics'];
    tree = await eventually(
      () => TraceTree.of(exporter.getFinishedSpans(), traceId),
      (t) => wanted.every((g) => t.groups().has(g)) && t.processed('shipping', 'orders.order-confirmed.v1').length > 0,
      { expected: `consumer spans of ${wanted.join(', ')} in trace ${traceId}` },
    );

    const post = tree.spans.filter((s) => s.kind === SpanKind.SERVER);
    expect(post.map((s) => s.name)).toEqual(['POST /orders']);
    expect(post[0].parentSpanContext?.spanId).toBe(callerSpanId);
    expect(post[0].attributes).toMatchObject({
      'http.route': '/orders',
      'http.response.status_code': 202,
      'platform.correlation_id': response.headers.get('x-correlation-id'),
    });
  });

  it('parents every consumer span on the create span of its event, written by the hop before it', () => {
    const [post] = tree.spans.filter((s) => s.kind === SpanKind.SERVER);
    for (const consumer of tree.consumers()) {
      const topic = consumer.attributes['messaging.destination.name'];
      const created = tree.parentOf(consumer);
      expect({ consumer: consumer.name, parent: created?.name, kind: created?.kind }).toEqual({
        consumer: `process ${topic}`,
        parent: `create ${topic}`,
        kind: SpanKind.PRODUCER,
      });
      expect(created!.attributes['messaging.message.id']).toBe(consumer.attributes['messaging.message.id']);
      // the writer of the event: the request, or the consumer span of the event that caused it
      const writer = tree.parentOf(created!);
      expect(writer === post || writer?.kind === SpanKind.CONSUMER).toBe(true);
      expect(tree.ancestorsOf(consumer).at(-1)).toBe(post);
      expect(consumer.attributes).toMatchObject({
        'messaging.system': 'inprocess',
        'messaging.operation.type': 'process',
        'messaging.message.conversation_id': post.attributes['platform.correlation_id'],
        'platform.outcome': 'handled',
      });
    }

    // the chain of the confirmation: request -> reserve-stock (inventory) -> stock-reserved
    // (orders) or payment-authorized (orders) -> order-confirmed -> shipping
    const [shipping] = tree.processed('shipping', 'orders.order-confirmed.v1');
    const confirmedBy = tree.parentOf(tree.parentOf(shipping)!)!;
    expect(confirmedBy.attributes['messaging.consumer.group.name']).toBe('orders');
    expect(['process inventory.stock-reserved.v1', 'process payments.payment-authorized.v1']).toContain(
      confirmedBy.name,
    );
    const [reserve] = tree.processed('inventory', 'inventory.reserve-stock.v1');
    expect(tree.parentOf(tree.parentOf(reserve)!)).toBe(post);
    const [authorize] = tree.processed('payments', 'payments.authorize-payment.v1');
    expect(tree.parentOf(tree.parentOf(authorize)!)).toBe(post);
  });

  it("joins the carrier clock's dispatch and delivery, which a timer starts, to the order's trace", async () => {
    await waitForStatus(p, orderId, 'DELIVERED');
    const steps = ['shipping.shipment-dispatched.v1', 'shipping.shipment-delivered.v1'];
    const created = await eventually(
      () => {
        const t = TraceTree.of(exporter.getFinishedSpans(), traceId);
        return steps.map((topic) => t.spans.find((s) => s.name === `create ${topic}`));
      },
      (spans) => spans.every((s) => s !== undefined),
      { expected: `create spans of ${steps.join(' and ')} in trace ${traceId}` },
    );
    const current = TraceTree.of(exporter.getFinishedSpans(), traceId);
    // under the span that created the shipment: shipping's handling of the confirmation
    const [shipping] = current.processed('shipping', 'orders.order-confirmed.v1');
    for (const span of created) expect(current.parentOf(span!)).toBe(shipping);
    const [post] = current.spans.filter((s) => s.kind === SpanKind.SERVER);
    expect(current.ancestorsOf(created[1]!).at(-1)).toBe(post);
  });

  it('marks the span of a dead-lettered record ERROR, in the trace of the event it came from', async () => {
    // the order's own order-placed record, republished with a version nobody knows: permanent
    const [placed]: Array<{ msg_key: string; headers: Record<string, string>; value: Buffer }> = await p.db.query(
      `SELECT msg_key, headers, value FROM messaging.log WHERE topic = 'orders.order-placed.v1' AND msg_key = $1`,
      [orderId],
    );
    const poisonId = placed.headers[HEADER.eventId];
    await p.app.get(InProcessPublisher).publish([
      {
        topic: 'orders.order-placed.v1',
        key: placed.msg_key,
        headers: { ...placed.headers, [HEADER.version]: '9' },
        value: placed.value,
      },
    ]);

    const isPoison = (s: ReadableSpan): boolean =>
      s.attributes['messaging.message.id'] === poisonId && s.attributes['platform.outcome'] === 'dead_lettered';
    const dead = await eventually(
      () => TraceTree.of(exporter.getFinishedSpans(), traceId).consumers().filter(isPoison),
      (spans) => spans.length > 0,
      { expected: `a dead-lettered consumer span of event ${poisonId}` },
    );
    for (const span of dead) {
      expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'EVENT.UNKNOWN_VERSION' });
      expect(span.events.map((e) => e.name)).toContain('exception');
      expect(span.attributes['platform.attempt']).toBe(1);
    }
  });
});
