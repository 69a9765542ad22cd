import type { INestApplication } from '@nestjs/common';
import { PlatformMetrics } from '@platform/observability';
import { describeKafkaProcesses, eventually, TestEventV1Contract } from '@platform/testing';
import { FAULTS, faultsFor } from '../../../../test/fixtures/pipeline-app/fault-plan';
import { startPipelineApp } from '../../../../test/fixtures/pipeline-app/pipeline-app';
import { TestProducer } from '../../../../test/fixtures/pipeline-app/producer-context';
import { KafkaTransport } from './kafka.transport';

const GROUP = 'scaled';
const TOPIC = TestEventV1Contract.topic;
const PARTITIONS = [0, 1, 2, 3]; // the mock cluster auto-creates topics with 4 partitions
const KEYS = 29;

/**
 * Several processes of one context share its consumer group: the partitions are split between
 * them, and members joining or leaving mid-stream (rebalances, with commits refused meanwhile)
 * neither lose an event nor apply one twice. Each app here is a whole platform process; they
 * share the database, the topics and the group, as replicas of one deployable would.
 */
describeKafkaProcesses('one consumer group over several processes (PostgreSQL, Kafka)', (world) => {
  const apps: INestApplication[] = [];

  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  const start = async (): Promise<INestApplication> => {
    const app = await startPipelineApp([GROUP]);
    apps.push(app);
    return app;
  };
  const close = async (app: INestApplication): Promise<void> => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };
  const assigned = (app: INestApplication): readonly number[] =>
    app.get(KafkaTransport).assignments()[GROUP]?.[TOPIC] ?? [];
  /** waits until the members split the partitions between them, each holding some */
  const sharedBy = (members: INestApplication[]): Promise<Array<readonly number[]>> =>
    eventually(
      () => members.map(assigned),
      (shares) => shares.every((s) => s.length > 0) && [...shares.flat()].sort().join() === PARTITIONS.join(),
      { expected: `partitions ${PARTITIONS} split over ${members.length} member(s)`, timeoutMs: 30_000 },
    );
  let seq = 0;
  const emit = async (app: INestApplication, n: number): Promise<void> => {
    for (let i = 0; i < n; i += 25) {
      const batch = Array.from({ length: 25 }, () => ({ entityId: `key-${seq % KEYS}`, seq: seq++, note: '' }));
      await app.get(TestProducer).emit(batch);
    }
  };
  const duplicates = async (): Promise<number> => {
    const consumed = await apps[0].get(PlatformMetrics).eventsConsumed.get();
    return consumed.values.find((v) => v.labels.group === GROUP && v.labels.outcome === 'duplicate')?.value ?? 0;
  };

  it('shares the partitions, and a third member joining then leaving loses nothing and applies nothing twice', async () => {
    FAULTS.clear();
    faultsFor(GROUP).handlerDelayMs = 5; // keeps records in flight while the group rebalances
    const first = await start();
    await sharedBy([first]);
    await emit(first, 200);

    const second = await start();
    await sharedBy([first, second]);
    await emit(second, 200);

    const third = await start();
    await sharedBy([first, second, third]);
    await emit(first, 200);
    await close(third); // leaves gracefully: finishes its records in flight and commits them
    await emit(second, 200);

    const total = seq;
    const counts = (): Promise<Array<{ n: number; distinct_events: number; distinct_seqs: number }>> =>
      world.db.query(
        `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS distinct_events,
                  count(DISTINCT seq)::int AS distinct_seqs FROM ${GROUP}.effects`,
      );
    await eventually(counts, ([row]) => row.n >= total, { expected: `${total} effects`, timeoutMs: 60_000 });
    await sharedBy([first, second]); // the last rebalance is over: nothing is in flight any more
    const rows = await counts();
    expect(rows[0]).toEqual({ n: total, distinct_events: total, distinct_seqs: total });
    const order: Array<{ entity_id: string; seqs: number[] }> = await world.db.query(
      `SELECT entity_id, array_agg(seq ORDER BY id) AS seqs FROM ${GROUP}.effects GROUP BY entity_id`,
    );
    expect(order.filter((r) => r.seqs.some((s, i) => i > 0 && s < r.seqs[i - 1]))).toEqual([]);
    expect(await world.db.query(`SELECT count(*)::int AS n FROM ${GROUP}.dead_letters`)).toEqual([{ n: 0 }]);
    // redeliveries after refused commits are possible; the inbox skipped them (counted, not applied)
    process.stdout.write(`redeliveries skipped by the inbox: ${await duplicates()}\n`);
  }, 120_000);
});
