import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createOpenApiDocument } from '@platform/http';
import {
  OrderCancelledV1Contract,
  OrderConfirmedV1Contract,
  OrderPlacedV1Contract,
  ShipmentDeliveredV1Contract,
  ShipmentDispatchedV1Contract,
  type EventContract,
} from '@platform/events';
import {
  ADMIN,
  databaseBackends,
  eventually,
  publishEvent,
  startContextTestApp,
  type Backend,
  type ContextTestApp,
} from '@platform/testing';
import { NotificationsModule } from '../src/notifications.module';
import {
  orderCancelled,
  orderConfirmed,
  orderPlaced,
  shipmentDelivered,
  shipmentDispatched,
} from './notifications-test-kit';

interface MessageRow {
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  source_event_id: string;
}

async function messages(t: ContextTestApp, orderId: string): Promise<MessageRow[]> {
  return t.db.query(
    `SELECT kind, recipient, subject, body, source_event_id FROM notifications.sent_messages
     WHERE order_id = $1 ORDER BY sent_at, id`,
    [orderId],
  );
}

async function mailed(t: ContextTestApp, orderId: string, count: number): Promise<MessageRow[]> {
  return eventually(
    () => messages(t, orderId),
    (rows) => rows.length === count,
    {
      expected: `${count} message(s) for order ${orderId}`,
    },
  );
}

/** waits until the notifications consumer has handled (and committed) this very event */
async function handled(t: ContextTestApp, envelope: { eventId: string }): Promise<void> {
  await eventually(
    () => t.db.query(`SELECT 1 FROM notifications.inbox WHERE event_id = $1`, [envelope.eventId]),
    (rows: unknown[]) => rows.length === 1,
    { expected: `event ${envelope.eventId} handled by notifications` },
  );
}

/** failed handler attempts so far, from /metrics (the registry is per process: compare before and after) */
async function failures(t: ContextTestApp, contract: EventContract, error: string): Promise<number> {
  const text = (await request(t.app.getHttpServer()).get('/metrics').expect(200)).text;
  return text
    .split('\n')
    .filter((line) => line.startsWith('event_handler_failures_total{'))
    .filter((line) => line.includes(`topic="${contract.topic}"`) && line.includes(`error="${error}"`))
    .filter((line) => line.includes('group="notifications"'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

describe.each(databaseBackends())('notifications on %s', (backend: Backend) => {
  let t: ContextTestApp;

  beforeAll(async () => {
    t = await startContextTestApp(backend, [NotificationsModule], {
      CONSUMER_MAX_ATTEMPTS: '1000',
      CONSUMER_RETRY_BASE_MS: '5',
      CONSUMER_RETRY_MAX_MS: '50',
    });
  });
  afterAll(() => t?.close());

  it('mails the customer once for each moment of an order, and lists what was sent', async () => {
    const placed = await publishEvent(t.app, OrderPlacedV1Contract, orderPlaced());
    const { orderId } = placed.payload;
    await mailed(t, orderId, 1);
    const confirmed = await publishEvent(t.app, OrderConfirmedV1Contract, orderConfirmed(orderId));
    await mailed(t, orderId, 2);
    const dispatched = await publishEvent(t.app, ShipmentDispatchedV1Contract, shipmentDispatched(orderId));
    await mailed(t, orderId, 3);
    const delivered = await publishEvent(t.app, ShipmentDeliveredV1Contract, shipmentDelivered(orderId));
    const rows = await mailed(t, orderId, 4);

    expect(rows.map((r) => [r.kind, r.recipient, r.source_event_id])).toEqual([
      ['ORDER_RECEIVED', 'ada@example.com', placed.eventId],
      ['ORDER_CONFIRMED', 'ada@example.com', confirmed.eventId],
      ['ORDER_DISPATCHED', 'ada@example.com', dispatched.eventId],
      ['ORDER_DELIVERED', 'ada@example.com', delivered.eventId],
    ]);
    expect(rows[0].body).toContain('EUR 25.00');
    expect(rows[2].body).toContain(dispatched.payload.shipmentId);

    const res = await request(t.app.getHttpServer()).get(`/notifications?orderId=${orderId}`).expect(200);
    expect(res.body.orderId).toBe(orderId);
    expect(res.body.messages).toEqual(
      rows.map((r) => ({ kind: r.kind, recipient: r.recipient, subject: r.subject, sentAt: expect.any(String) })),
    );
    expect(res.body.messages[1].subject).toBe(`Your order #${orderId.slice(-10)} is confirmed`);
  });

  it('mails a cancellation with its reason', async () => {
    const placed = await publishEvent(t.app, OrderPlacedV1Contract, orderPlaced());
    const { orderId } = placed.payload;
    await publishEvent(t.app, OrderCancelledV1Contract, orderCancelled(orderId, 'PAYMENT_DECLINED'));
    const rows = await mailed(t, orderId, 2);
    const cancellation = rows.find((r) => r.kind === 'ORDER_CANCELLED');
    expect(cancellation?.body).toContain('your payment was declined (PAYMENT_DECLINED)');
    expect(cancellation?.body).toContain('card declined by issuer');
  });

  it('never mails twice for a redelivered event: same event id, inbox bypassed, or a new event id', async () => {
    const placed = await publishEvent(t.app, OrderPlacedV1Contract, orderPlaced());
    const { orderId } = placed.payload;
    await mailed(t, orderId, 1);

    await handled(t, await publishEvent(t.app, OrderPlacedV1Contract, placed.payload, { eventId: placed.eventId }));
    // past the inbox: forget that the event was handled, and deliver it again
    await t.db.query(`DELETE FROM notifications.inbox WHERE event_id = $1`, [placed.eventId]);
    await handled(t, await publishEvent(t.app, OrderPlacedV1Contract, placed.payload, { eventId: placed.eventId }));
    // the same moment announced again under a new event id
    await handled(t, await publishEvent(t.app, OrderPlacedV1Contract, placed.payload));

    expect(await messages(t, orderId)).toHaveLength(1);
    expect(await t.db.query(`SELECT 1 FROM notifications.dead_letters`)).toHaveLength(0);
  });

  it('retries while the gateway is down and sends once it is back', async () => {
    const server = t.app.getHttpServer();
    const error = 'NOTIFICATIONS.GATEWAY_DOWN';
    const before = await failures(t, OrderConfirmedV1Contract, error);
    await request(server).put('/admin/notifications/gateway-mode').set(ADMIN).send({ mode: 'down' }).expect(200, {
      mode: 'down',
    });
    try {
      const { payload } = await publishEvent(t.app, OrderConfirmedV1Contract, orderConfirmed(randomUUID()));
      await eventually(
        () => failures(t, OrderConfirmedV1Contract, error),
        (n) => n >= before + 3,
        {
          expected: 'at least three refused sends while the gateway is down',
        },
      );
      expect(await messages(t, payload.orderId)).toHaveLength(0);

      await request(server).put('/admin/notifications/gateway-mode').set(ADMIN).send({ mode: 'normal' }).expect(200);
      const [sent] = await mailed(t, payload.orderId, 1);
      expect(sent.kind).toBe('ORDER_CONFIRMED');
      expect(await t.db.query(`SELECT 1 FROM notifications.dead_letters`)).toHaveLength(0);
    } finally {
      await request(server).put('/admin/notifications/gateway-mode').set(ADMIN).send({ mode: 'normal' });
    }
  });

  it('holds a shipment notice until the order tells it where to mail', async () => {
    const error = 'ERROR.ContactNotYetKnownError';
    const orderId = randomUUID();
    const before = await failures(t, ShipmentDispatchedV1Contract, error);
    await publishEvent(t.app, ShipmentDispatchedV1Contract, shipmentDispatched(orderId));
    await eventually(
      () => failures(t, ShipmentDispatchedV1Contract, error),
      (n) => n > before,
      {
        expected: 'the dispatch notice retried for want of a contact',
      },
    );
    expect(await messages(t, orderId)).toHaveLength(0);

    await publishEvent(t.app, OrderPlacedV1Contract, orderPlaced(orderId));
    const rows = await mailed(t, orderId, 2);
    expect(rows.map((r) => r.kind).sort()).toEqual(['ORDER_DISPATCHED', 'ORDER_RECEIVED']);
  });

  it('answers GET /notifications without a valid orderId with 400 problem+json', async () => {
    const server = t.app.getHttpServer();
    for (const query of ['', '?orderId=', '?orderId=not-a-uuid', `?orderId=${randomUUID()}&extra=1`]) {
      const res = await request(server).get(`/notifications${query}`).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID' });
    }
    const missing = await request(server).get('/notifications').expect(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'orderId' })]);
    const unknown = await request(server).get(`/notifications?orderId=${randomUUID()}`).expect(200);
    expect(unknown.body.messages).toEqual([]);
  });

  it('documents its endpoints in OpenAPI', () => {
    const doc = createOpenApiDocument(t.app, 'notifications');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/notifications', '/admin/notifications/gateway-mode']),
    );
    expect(Object.keys(doc.paths['/notifications'].get?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400']),
    );
  });

  it('guards the gateway switch: 401 without the admin token, 400 for an unknown mode', async () => {
    const server = t.app.getHttpServer();
    const anonymous = await request(server).put('/admin/notifications/gateway-mode').send({ mode: 'down' }).expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const bad = await request(server)
      .put('/admin/notifications/gateway-mode')
      .set(ADMIN)
      .send({ mode: 'off' })
      .expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'mode' })]);
    await request(server).get('/admin/notifications/gateway-mode').set(ADMIN).expect(200, { mode: 'normal' });
  });
});
