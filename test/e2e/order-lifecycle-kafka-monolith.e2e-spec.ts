import { AVRO_BINARY, HEADER, OrderPlacedV1Contract } from '@platform/events';
import { describeOnKafka, eventually, kafkaTestEnv, newKafkaTestPrefix } from '@platform/testing';
import { readWithKcat } from './support/kcat-records';
import { LIFECYCLE_SETTINGS, orderLifecycleScenarios } from './support/order-lifecycle-scenarios';
import { createProduct, placeOrder } from './support/order-flow';
import { MONOLITH, ProcessPlatform } from './support/process-platform';

const SUITE = 'order lifecycle, monolith on Kafka';

/**
 * Stage 3 of docs/deploy.md: the single binary as one process with every context on Kafka
 * (TRANSPORT=kafka, PostgreSQL), running the very scenarios of order-lifecycle.e2e-spec.ts, then
 * reading what it wrote to a topic with kcat, as a client that knows nothing of ours would.
 */
describeOnKafka(SUITE, (brokers) => {
  const prefix = newKafkaTestPrefix();
  let p: ProcessPlatform;

  beforeAll(async () => {
    p = await ProcessPlatform.start(
      {
        ...kafkaTestEnv(brokers, prefix),
        ...LIFECYCLE_SETTINGS,
        INVENTORY_SEED_DEMO: 'false',
      },
      MONOLITH,
    );
  }, 120_000);

  afterAll(async () => {
    await p?.close();
  });

  orderLifecycleScenarios(() => p);

  it('writes order-placed records a third-party client reads: the order id as key, the envelope as headers', async () => {
    const sku = await createProduct(p, 1);
    const orderId = await placeOrder(p, { lines: [{ sku, quantity: 1 }] });
    const topic = `${prefix}${OrderPlacedV1Contract.topic}`;

    const records = await eventually(
      () => readWithKcat(brokers, topic),
      (all) => all.some((r) => r.key === orderId),
      { expected: `a record keyed ${orderId} on ${topic}` },
    );
    const ours = records.filter((r) => r.key === orderId);
    expect(ours).toHaveLength(1);
    const { headers } = ours[0];
    expect(headers).toMatchObject({
      [HEADER.type]: OrderPlacedV1Contract.type,
      [HEADER.version]: '1',
      [HEADER.producer]: 'orders',
      [HEADER.contentType]: AVRO_BINARY,
    });
    expect(headers[HEADER.eventId]).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(headers[HEADER.occurredAt]))).toBe(false);
    expect(headers[HEADER.correlationId]).toBeTruthy();
    // nothing but the documented envelope headers (README, "Running on Kafka")
    expect(Object.keys(headers).filter((name) => !Object.values<string>(HEADER).includes(name))).toEqual([]);

    // every record on the topic, the scenarios' included, is keyed by an order the platform has
    const keys = [...new Set(records.map((r) => r.key))];
    const known = await p.db.query('SELECT id::text AS id FROM orders.orders WHERE id = ANY($1::uuid[])', [keys]);
    expect(known).toHaveLength(keys.length);
  });
});
