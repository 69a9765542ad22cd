import { randomUUID } from 'node:crypto';
import { HEADER, type WireRecord } from '@platform/events';
import { eventually } from '@platform/testing';
import { deadLetterCounts, summarise } from './support/dead-letters';
import { ONE_PROCESS, Deployment } from './support/deployment';
import { faultTransports, ordersFor } from './support/fault-transport';
import { createCatalogue, OrderTraffic } from './support/order-traffic';
import { recordInjector, type RecordInjector } from './support/record-injector';
import { checkDeployment, expectIntact, reportScenario } from './support/scenario-report';
import { groupsByTopic, settle } from './support/settle';

/**
 * Scenario 8: poison records appended onto the real topics of the order flow (placed and
 * confirmed, which most groups consume) while 240 orders go through: garbage bytes, a truncated
 * Avro body, a missing header, an unknown event version and a record over
 * CONSUMER_MAX_RECORD_BYTES, each on the partition of an order in flight (its key). Every group
 * of each topic must dead-letter each poison with its stable code, move on, and finish every order.
 */
const ORDERS = 240;
const MAX_RECORD_BYTES = 64 * 1024;
const TOPICS = ['orders.order-placed.v1', 'orders.order-confirmed.v1'];

/** each poison made from a real record of the topic, and the code it must be dead-lettered with */
const POISONS: ReadonlyArray<readonly [string, (real: WireRecord) => WireRecord, string]> = [
  ['garbage bytes', (r) => ({ ...r, value: Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01]) }), 'EVENT.UNDECODABLE'],
  ['a truncated Avro body', (r) => ({ ...r, value: r.value.subarray(0, r.value.length - 3) }), 'EVENT.UNDECODABLE'],
  ['a missing header', (r) => ({ ...r, headers: without(r.headers, HEADER.correlationId) }), 'EVENT.MISSING_HEADER'],
  ['an unknown version', (r) => ({ ...r, headers: { ...r.headers, [HEADER.version]: '9' } }), 'EVENT.UNKNOWN_VERSION'],
  ['an oversized record', (r) => ({ ...r, value: Buffer.alloc(MAX_RECORD_BYTES + 1, 0x61) }), 'EVENT.TOO_LARGE'],
];

describe.each(faultTransports())('fault: poison records on the real topics (%s)', (transport) => {
  const orders = ordersFor(transport, ORDERS);
  let d: Deployment | undefined;

  afterAll(async () => d?.close());

  it('dead-letters every poison with its reason, and every order still completes', async () => {
    d = await Deployment.start(transport, ONE_PROCESS, { CONSUMER_MAX_RECORD_BYTES: String(MAX_RECORD_BYTES) });
    if (!d) return;
    const injector = await recordInjector(d, transport);
    try {
      const catalogue = await createCatalogue(d);
      const traffic = new OrderTraffic(d, catalogue, { orders, perSecond: 40 });
      await traffic.acceptedAtLeast(orders / 3);
      const poisons = await poisonEachTopic(injector);
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
async function poisonEachTopic(injector: RecordInjector): Promise<WireRecord[]> {
  const poisons: WireRecord[] = [];
  for (const topic of TOPICS) {
    const [real] = await eventually(
      () => injector.recent(1, topic),
      (records) => records.length === 1,
      { expected: `a record on ${topic}`, timeoutMs: 30_000, intervalMs: 100 },
    );
    for (const [, poison] of POISONS) {
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
