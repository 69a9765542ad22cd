import type { DataSource } from 'typeorm';
import { openContextDataSource, type DatabaseTarget } from '@platform/database';
import { createTestDatabase, databaseBackends, type Backend } from '@platform/testing';
import { IN_PROCESS_LOG_MIGRATIONS } from '../../nest/inprocess-providers';
import { InProcessLog } from '../inprocess-log';
import {
  assertNotHandedOver,
  markHandoverCompleted,
  markHandoverStarted,
  readHandoverMark,
  removeHandoverMark,
} from './handover-mark';
import { HandoverSource } from './handover-source';

const SCHEMA = 'messaging';
const PLACED = 'orders.order-placed.v1';

describe.each(databaseBackends())('the in-process log handed over, on %s', (backend: Backend) => {
  let target: DatabaseTarget;
  let db: DataSource;
  let log: InProcessLog;

  beforeAll(async () => {
    target = await createTestDatabase(backend);
    db = await openContextDataSource(target, { context: SCHEMA, migrations: IN_PROCESS_LOG_MIGRATIONS });
    log = new InProcessLog(db, SCHEMA, 2);
  });

  afterAll(async () => {
    await db?.destroy();
    await target?.release();
  });

  it('refuses the in-process start from the moment a hand-over begins, until it is undone', async () => {
    await expect(assertNotHandedOver(db, SCHEMA)).resolves.toBeUndefined();

    await markHandoverStarted(db, SCHEMA, { brokers: 'kafka-1:9092', topicPrefix: 'prod.' });
    await expect(assertNotHandedOver(db, SCHEMA)).rejects.toThrow(
      /is being handed over to Kafka \(kafka-1:9092\) since .*, or a hand-over stopped midway/,
    );

    await markHandoverCompleted(db, SCHEMA, { [PLACED]: 3 });
    expect(await readHandoverMark(db, SCHEMA)).toMatchObject({ state: 'completed', records: { [PLACED]: 3 } });
    await expect(assertNotHandedOver(db, SCHEMA)).rejects.toThrow(
      /was handed over to Kafka \(kafka-1:9092, topic prefix "prod\."\) at \d{4}-\d\d-\d\dT.*Start with TRANSPORT=kafka, or run `npm run migrate -- handover --undo`/,
    );

    expect(await removeHandoverMark(db, SCHEMA)).toBe(true);
    expect(await removeHandoverMark(db, SCHEMA)).toBe(false);
    await expect(assertNotHandedOver(db, SCHEMA)).resolves.toBeUndefined();
  });

  it('reads what a plan needs: partition ranges after retention, committed offsets, and every group of a topic', async () => {
    const record = (key: string) => ({ topic: PLACED, key, headers: { 'event-id': key }, value: Buffer.from(key) });
    await log.append(['a', 'b', 'c', 'd', 'e', 'f'].map(record));
    await log.recordSubscriptions([
      { group: 'analytics', topic: PLACED },
      { group: 'notifications', topic: PLACED },
    ]);
    await log.commitMany([{ group: 'notifications', topic: PLACED, partition: 0, next: 1n }]);
    await log.commitMany([{ group: 'loyalty-old', topic: PLACED, partition: 1, next: 0n }]); // committed, not recorded
    await db.query(`DELETE FROM ${SCHEMA}.log WHERE partition = 0 AND "offset" = 0`); // retention

    const source = new HandoverSource(db, SCHEMA);
    const ranges = await source.ranges();
    const sizes = await db.query(
      `SELECT partition, count(*)::int AS n, max("offset")::int AS last FROM ${SCHEMA}.log GROUP BY partition ORDER BY 1`,
    );
    expect(ranges).toEqual(
      (sizes as Array<{ partition: number; n: number; last: number }>).map((s) => ({
        topic: PLACED,
        partition: s.partition,
        oldest: s.partition === 0 ? 1n : 0n,
        next: BigInt(s.last + 1),
      })),
    );
    expect(await source.subscriptions()).toEqual([
      { group: 'analytics', topic: PLACED },
      { group: 'loyalty-old', topic: PLACED },
      { group: 'notifications', topic: PLACED },
    ]);
    expect(await source.committed()).toContainEqual({ group: 'notifications', topic: PLACED, partition: 0, next: 1n });
    const first = ranges[0];
    const read = await source.read(PLACED, first.partition, first.oldest, first.next, 500);
    expect(read.map((r) => BigInt(r.offset))).toEqual(
      Array.from({ length: Number(first.next - first.oldest) }, (_, i) => first.oldest + BigInt(i)),
    );
  });
});
