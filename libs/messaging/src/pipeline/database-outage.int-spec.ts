import { createServer, connect, type Server, type Socket } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '@platform/database';
import { PlatformMetrics, ReadinessChecks } from '@platform/observability';
import { createTestDatabase, eventually, requirePostgresUrl } from '@platform/testing';
import { startPipelineApp } from '../../../../test/fixtures/pipeline-app/pipeline-app';
import { TestProducer } from '../../../../test/fixtures/pipeline-app/producer-context';

/**
 * A TCP proxy in front of the PostgreSQL server: `cut` ends every connection through it and
 * refuses new ones, as a database that went away does; `restore` accepts them again.
 */
class DatabaseLink {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly host: string,
    private readonly targetPort: number,
  ) {}

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

// The consumer's own database goes away for longer than the retry budget (3 attempts, 20 ms apart
// at most) while events arrive: the group waits for it, says so in metrics and readiness, and
// handles every event once it is back; nothing is dead-lettered. Only the consumer's connections
// go through the link: the producer and the in-process log keep theirs.
describe('a consumer whose database goes away (PostgreSQL)', () => {
  const serverUrl = requirePostgresUrl('database-outage.int-spec');
  let target: DatabaseTarget;
  let link: DatabaseLink;
  let app: INestApplication | undefined;
  let db: DataSource;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    if (!serverUrl) return;
    target = await createTestDatabase('postgres');
    const url = new URL(target.url);
    link = new DatabaseLink(url.hostname, Number(url.port || 5432));
    await link.open();
    const linked = new URL(target.url);
    linked.hostname = '127.0.0.1';
    linked.port = String(link.port);
    Object.assign(process.env, {
      DATABASE_URL: target.url,
      CONSUMER_A_DATABASE_URL: linked.toString(),
      CONSUMER_MAX_ATTEMPTS: '3',
      CONSUMER_RETRY_BASE_MS: '5',
      CONSUMER_RETRY_MAX_MS: '20',
      CONSUMER_OUTAGE_PROBE_MAX_MS: '100',
      INPROCESS_PARTITIONS: '2',
    });
    app = await startPipelineApp(['consumer_a']);
    db = new DataSource({ type: 'postgres', url: target.url });
    await db.initialize();
  });

  afterAll(async () => {
    await db?.destroy();
    await app?.close();
    await link?.cut();
    await target?.release();
    process.env = savedEnv;
  });

  const handled = async (): Promise<number> =>
    Number((await db.query('SELECT count(*) AS n FROM consumer_a.effects'))[0].n);

  it('waits out the outage, visible in metrics and readiness, then handles everything', async () => {
    if (!serverUrl) return; // said loudly by requirePostgresUrl; an error under CI=true
    const producer = app!.get(TestProducer);
    const metrics = app!.get(PlatformMetrics);
    const consumers = app!
      .get(ReadinessChecks)
      .all()
      .find((check) => check.name === 'consumers')!;
    const waiting = async (): Promise<number | undefined> =>
      (await metrics.consumersWaiting.get()).values.find(
        (v) => v.labels.group === 'consumer_a' && v.labels.dependency === 'database',
      )?.value;
    await producer.emit([{ entityId: 'before', seq: 0, note: '' }]);
    await eventually(handled, (n) => n === 1, { expected: 'the first event handled' });

    // when: the consumer's database goes away, and events arrive meanwhile
    await link.cut();
    await producer.emit(Array.from({ length: 6 }, (_, i) => ({ entityId: `during-${i % 3}`, seq: i + 1, note: '' })));
    // then: the group waits for it, and says so
    await eventually(waiting, (value) => value === 1, { expected: 'consumer_a waiting on its database (gauge)' });
    // and keeps waiting, by its own account, far beyond the retry budget (3 attempts, 5 to 20 ms apart)
    await eventually(
      () =>
        consumers.check().then(
          () => 0,
          (error: Error) => waitedSeconds(error.message),
        ),
      (seconds) => seconds >= 1,
      { expected: 'readiness to report consumer_a waiting on its database for 1 s or more', intervalMs: 100 },
    );
    expect(await handled()).toBe(1);

    // when: it is back
    await link.open();
    // then: every event is handled, none dead-lettered, and the wait is over
    await eventually(handled, (n) => n === 7, { expected: 'all 7 events handled', timeoutMs: 20_000 });
    expect(await db.query('SELECT count(*)::int AS n FROM consumer_a.dead_letters')).toEqual([{ n: 0 }]);
    expect(await waiting()).toBe(0);
    await expect(consumers.check()).resolves.toBeUndefined();
  });
});

/** how long readiness says consumer_a has waited for its database (0 when it says nothing of it) */
function waitedSeconds(message: string): number {
  return Number(/consumer_a waits for its database for ([\d.]+) s/.exec(message)?.[1] ?? 0);
}
