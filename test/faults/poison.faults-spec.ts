import { randomUUID } from 'node:crypto';
import { FRAME_HEADER_BYTES, HEADER, type WireRecord } from '@platform/events';
import { eventually, TestSchemaRegistry } from '@platform/testing';
import { deadLetterCounts, summarise } from './support/dead-letters';
import { ONE_PROCESS, Deployment } from './support/deployment';
import { faultTransports, ordersFor, type FaultTransport } from './support/fault-transport';
import { createCatalogue, OrderTraffic } from './support/order-traffic';
import { recordInjector, type RecordInjector } from './support/record-injector';
import { checkDeployment, expectIntact, reportScenario } from './support/scenario-report';
import { groupsByTopic, settle } from './support/settle';

/**
 * Scenario 8: poison records appended onto the real topics of the order flow (placed and
 * confirmed, which most groups consume) while 240 orders go through: garbage bytes, a truncated
 * Avro body, a missing header, an unknown event version and a record over
 * CONSUMER_MAX_RECORD_BYTES, each on the partition of an order in flight (its key). On Kafka the
 * deployment uses a schema registry (the test double of one, SCHEMA_REGISTRY_URL), so values are
 * in the Confluent wire format and one more poison carries a schema id the registry does not
 * know. Every group of each topic must dead-letter each poison with its stable code, move on,
 * and finish every order.
 */
const ORDERS = 240;
const MAX_RECORD_BYTES = 64 * 1024;
const TOPICS = ['orders.order-placed.v1', 'orders.order-confirmed.v1'];

type Poison = readonly [name: string, make: (real: WireRecord) => WireRecord, code: string];

/** a schema id no registry of the test has handed out */
const UNKNOWN_SCHEMA_ID = 987_654;

/** with a schema registry: a frame whose id the registry never handed out */
const WRONG_SCHEMA_ID: Poison = [
  'a wrong schema id',
  (r) => ({ ...r, value: withSchemaId(r.value, UNKNOWN_SCHEMA_ID) }),
  'EVENT.UNKNOWN_SCHEMA_ID',
];

/** each poison made from a real record of the topic, and the code it must be dead-lettered with */
function poisonsFor(transport: FaultTransport): readonly Poison[] {
  const registry = transport === 'kafka';
  return [
    // with a registry a value that does not start with 0x00 is refused before any Avro is read
    [
      'garbage bytes',
      (r) => ({ ...r, value: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01]) }),
      registry ? 'EVENT.NOT_WIRE_FORMAT' : 'EVENT.UNDECODABLE',
    ],
    ['a truncated Avro body', (r) => ({ ...r, value: r.value.subarray(0, r.value.length - 3) }), 'EVENT.UNDECODABLE'],
    ['a missing header', (r) => ({ ...r, headers: without(r.headers, HEADER.correlationId) }), 'EVENT.MISSING_HEADER'],
    [
      'an unknown version',
      (r) => ({ ...r, headers: { ...r.headers, [HEADER.version]: '9' } }),
      'EVENT.UNKNOWN_VERSION',
    ],
    ['an oversized record', (r) => ({ ...r, value: Buffer.alloc(MAX_RECORD_BYTES + 1, 0x61) }), 'EVENT.TOO_LARGE'],
    ...(registry ? [WRONG_SCHEMA_ID] : []),
  ];
}

describe.each(faultTransports())('fault: poison records on the real topics (%s)', (transport) => {
  const orders = ordersFor(transport, ORDERS);
  const POISONS = poisonsFor(transport);
  let d: Deployment | undefined;
  let registry: TestSchemaRegistry | undefined;

  afterAll(async () => {
    await d?.close();
    await registry?.close();
  });

  it('dead-letters every poison with its reason, and every order still completes', async () => {
    registry = transport === 'kafka' ? await TestSchemaRegistry.start() : undefined;
    d = await Deployment.start(transport, ONE_PROCESS, {
      CONSUMER_MAX_RECORD_BYTES: String(MAX_RECORD_BYTES),
      ...registry?.env(),
    });
    if (!d) return;
    const injector = await recordInjector(d, transport);
    try {
      const catalogue = await createCatalogue(d);
      const traffic = new OrderTraffic(d, catalogue, { orders, perSecond: 40 });
      await traffic.acceptedAtLeast(orders / 3);
      const poisons = await poisonEachTopic(injector, POISONS);
      await injector.append(poisons);
      const result = await traffic.done;

      const settled = await settle(d);
      const letters = await deadLetterCounts(d);
      const outcome = await checkDeployment(d, result.accepted);
      const groups = await groupsByTopic(d);
      reportScenario({
        scenario: 'poison records',
        d,
        traffic: result,
        injected: `${poisons.length} poison records (${POISONS.map(([name]) => name).join(', ')}) on ${TOPICS.join(' and ')}, consumed by ${TOPICS.map((t) => `${t}: ${groups.get(t)?.join(', ')}`).join('; ')}`,
        settled,
        outcome,
        notes: [`dead letters: ${summarise(letters)}`],
      });
      expectIntact(outcome);
      expect(result.accepted).toHaveLength(orders);
      for (const topic of TOPICS) {
        expect(groups.get(topic)?.length ?? 0).toBeGreaterThan(0);
        for (const group of groups.get(topic) ?? []) {
          const codes = await lettersOf(d, group, topic);
          expect({ group, topic, codes }).toEqual({ group, topic, codes: POISONS.map(([, , code]) => code).sort() });
        }
      }
    } finally {
      await injector.close();
    }
  });
});

/** every poison, for every topic, built from the topic's latest real record (a fresh event id) */
async function poisonEachTopic(injector: RecordInjector, kinds: readonly Poison[]): Promise<WireRecord[]> {
  const poisons: WireRecord[] = [];
  for (const topic of TOPICS) {
    const [real] = await eventually(
      () => injector.recent(1, topic),
      (records) => records.length === 1,
      { expected: `a record on ${topic}`, timeoutMs: 30_000, intervalMs: 100 },
    );
    for (const [, poison] of kinds) {
      const record = poison(real);
      poisons.push({ ...record, headers: { ...record.headers, [HEADER.eventId]: randomUUID() } });
    }
  }
  return poisons;
}

/** a group's dead letters on a topic (the group is its context, whose schema holds them) */
async function lettersOf(d: Deployment, group: string, topic: string): Promise<string[]> {
  const { rows } = await d.db.query(
    `SELECT error_code FROM ${group}.dead_letters WHERE consumer_group = $1 AND topic = $2 ORDER BY error_code`,
    [group, topic],
  );
  return rows.map((r) => String(r.error_code));
}

function without(headers: Readonly<Record<string, string>>, name: string): Record<string, string> {
  const copy = { ...headers };
  delete copy[name];
  return copy;
}

/** a value in the Confluent wire format with its schema id replaced */
function withSchemaId(value: Buffer, id: number): Buffer {
  const copy = Buffer.from(value);
  if (copy.length < FRAME_HEADER_BYTES || copy[0] !== 0) throw new Error('not a value in the Confluent wire format');
  copy.writeInt32BE(id, 1);
  return copy;
}
