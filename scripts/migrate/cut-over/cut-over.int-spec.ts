import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { openContextDataSource, type DatabaseTarget } from '@platform/database';
import {
  createGatewayCallsTableSql,
  createShadowRunTableSql,
  shadowCopyStateOf,
  writeShadowRun,
  type OutputComparison,
  type PartitionOffset,
  type ShadowRun,
} from '@platform/messaging';
import { createTestDatabase, requirePostgresUrl } from '@platform/testing';
import { EXIT, Refusal } from '../exit-codes';
import { migrationsOf } from '../move-data/context-schemas';
import { cutBack } from './cut-back';
import { CutOver, type CutOverOptions } from './cut-over';
import { readPromotion } from './shadow-promotion';

const SUITE = "the cut-over's decisions on two PostgreSQL databases";
const postgres = requirePostgresUrl(SUITE);
const CONTEXT = 'payments';
const TOPIC = 'payments.payment-requested.v1';
const at = (offset: string): PartitionOffset[] => [{ topic: TOPIC, partition: 0, offset }];

/**
 * What `migrate cut-over` decides once both groups are seated (ADR 0023), on real databases; the
 * groups' committed offsets are given and the commit into the live group is recorded (the e2e
 * test shadow-run-and-cut-over runs the whole command on the mock cluster).
 */
(postgres ? describe : describe.skip)(SUITE, () => {
  let dbs: DatabaseTarget[] = [];
  let live: Client;
  let shadow: Client;
  let committed: Array<{ group: string; offsets: readonly PartitionOffset[] }>;
  let groupOffsets: Record<string, PartitionOffset[]>;

  beforeAll(async () => {
    dbs = await Promise.all([createTestDatabase('postgres'), createTestDatabase('postgres')]);
    for (const { url } of dbs) {
      const ds = await openContextDataSource(
        { url, embedded: false, release: async () => undefined },
        { context: CONTEXT, migrations: migrationsOf(CONTEXT), poolSize: 1 },
      );
      await ds.destroy();
    }
    [live, shadow] = dbs.map((d) => new Client({ connectionString: d.url }));
    await Promise.all([live.connect(), shadow.connect()]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([live?.end(), shadow?.end()]);
    for (const d of dbs) await d.release();
  });

  let run: ShadowRun;
  let liveInput: string;
  beforeEach(async () => {
    committed = [];
    for (const c of [live, shadow]) await c.query(`TRUNCATE ${CONTEXT}.outbox, ${CONTEXT}.inbox`);
    liveInput = randomUUID();
    await live.query(`INSERT INTO ${CONTEXT}.inbox (consumer_group, event_id) VALUES ($1, $2)`, [CONTEXT, liveInput]);
    await shadow.query(`DROP TABLE IF EXISTS ${CONTEXT}.shadow_gateway_calls`);
    for (const sql of createShadowRunTableSql(CONTEXT)) await shadow.query(sql);
    run = {
      context: CONTEXT,
      startedAt: new Date(),
      liveSnapshotAt: new Date(),
      liveGroup: `t.${CONTEXT}`,
      shadowGroup: `t.${CONTEXT}.shadow`,
      liveOffsets: at('5'),
      outboxHighWater: '0',
    };
    await writeShadowRun((sql, params) => shadow.query(sql, params).then((r) => r.rows), run);
    groupOffsets = { [run.liveGroup]: at('10'), [run.shadowGroup]: at('12') };
  });

  async function cutOver(options: Partial<CutOverOptions> = {}, comparisons: OutputComparison[] = []) {
    const lines: string[] = [];
    const output = { out: (t: string) => lines.push(t), err: (t: string) => lines.push(t) };
    const takeover = {
      commit: async (group: string, offsets: readonly PartitionOffset[]) => {
        committed.push({ group, offsets });
        groupOffsets[group] = [...offsets];
      },
    };
    const parts = {
      live,
      shadow,
      takeover,
      committed: async (group: string) => groupOffsets[group],
      run,
      comparison: { run, comparedInputs: comparisons.length, lagInputs: 0, comparisons },
      started: performance.now(),
    };
    const cutOverOptions = { liveDatabase: 'postgres://l/l', shadowDatabase: 'postgres://s/s', ...options };
    try {
      const code = options.back
        ? await cutBack(CONTEXT, cutOverOptions, output, parts)
        : await new CutOver(CONTEXT, cutOverOptions, output, parts).run();
      return { code, output: lines.join('\n') };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return { code: EXIT.refused, output: `${lines.join('\n')}\nrefused: ${error.message}` };
    }
  }

  it('given the shadow ahead and in agreement, promotes it and commits S into the live group', async () => {
    const state = () => shadowCopyStateOf((sql, params) => shadow.query(sql, params).then((r) => r.rows), CONTEXT);
    expect(await state()).toBe('shadow'); // a live process refuses to start on it, a shadow may
    const result = await cutOver();
    expect(await state()).toBe('promoted'); // now the other way round
    expect(result.code).toBe(EXIT.done);
    expect(result.output).toContain('the shadow processed 2 record(s) the live did not');
    expect(result.output).toMatch(/processing pause so far: \d+\.\d\d s/);
    expect(committed).toEqual([{ group: run.liveGroup, offsets: at('12') }]);
    expect((await readPromotion(shadow, CONTEXT))?.record).toMatchObject({
      liveOffsets: at('10'),
      shadowOffsets: at('12'),
    });
  });

  it('given the shadow behind the live on a partition, refuses, naming it and by how many, and changes nothing', async () => {
    groupOffsets[run.shadowGroup] = at('7');
    const result = await cutOver();
    expect(result.code).toBe(EXIT.refused);
    expect(result.output).toContain(`3 record(s) behind the live context: ${TOPIC}[0] 7 < 10 (3)`);
    expect(committed).toEqual([]);
    expect(await readPromotion(shadow, CONTEXT)).toBeUndefined();
  });

  it('given a mismatch, refuses unless forced', async () => {
    const mismatch: OutputComparison = {
      input: randomUUID(),
      type: 'payment-authorized',
      key: 'o-1',
      result: 'mismatched',
      difference: { path: 'amountMinor', live: 100, shadow: 200 },
    };
    const refused = await cutOver({}, [mismatch]);
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.output).toContain('1 mismatched, 0 missing and 0 extra');
    const forced = await cutOver({ force: true }, [mismatch]);
    expect(forced.code).toBe(EXIT.done);
    expect((await readPromotion(shadow, CONTEXT))?.record.forced).toBe(true);
  });

  it('given the live outbox holds unpublished rows, refuses: the shadow would suppress their equivalents', async () => {
    await live.query(
      `INSERT INTO ${CONTEXT}.outbox (lane, event_id, topic, msg_key, headers, payload)
       VALUES (0, gen_random_uuid(), 'payments.payment-authorized.v1', 'k', '{}', '\\x00')`,
    );
    const result = await cutOver({ force: true });
    expect(result.code).toBe(EXIT.refused);
    expect(result.output).toContain('1 outbox row(s) its relay had not published');
  });

  it('with --dry-run, prints the plan and changes nothing', async () => {
    expect((await cutOver({ dryRun: true })).code).toBe(EXIT.done);
    groupOffsets[run.shadowGroup] = at('7');
    const refused = await cutOver({ dryRun: true });
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.output).toContain('dry run: a real run would refuse');
    expect(committed).toEqual([]);
    expect(await readPromotion(shadow, CONTEXT)).toBeUndefined();
  });

  it('run again, refuses a finished cut-over and finishes one interrupted before S was committed', async () => {
    expect((await cutOver()).code).toBe(EXIT.done);
    const again = await cutOver();
    expect(again.code).toBe(EXIT.refused);
    expect(again.output).toContain('the live group already carries on from the shadow');

    groupOffsets[run.liveGroup] = at('10'); // as if the commit into the live group had failed
    committed = [];
    const finished = await cutOver();
    expect(finished.code).toBe(EXIT.done);
    expect(finished.output).toContain('finishing the cut-over recorded at');
    expect(committed).toEqual([{ group: run.liveGroup, offsets: at('12') }]);
  });

  it('--back, before the new deployment did anything, commits L again; after, refuses', async () => {
    expect((await cutOver()).code).toBe(EXIT.done);
    committed = [];
    const back = await cutOver({ back: true });
    expect(back.code).toBe(EXIT.done);
    expect(committed).toEqual([{ group: run.liveGroup, offsets: at('10') }]);
    expect(await readPromotion(shadow, CONTEXT)).toBeUndefined();

    expect((await cutOver()).code).toBe(EXIT.done); // cut over again, and this time it works
    await shadow.query(`INSERT INTO ${CONTEXT}.inbox (consumer_group, event_id) VALUES ($1, $2)`, [
      CONTEXT,
      randomUUID(),
    ]);
    const refused = await cutOver({ back: true });
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.output).toContain('processed or published 1 record(s) since the cut-over');
  });

  it('given gateway calls the shadow recorded for inputs the live never processed, refuses unless forced', async () => {
    for (const sql of createGatewayCallsTableSql(CONTEXT)) await shadow.query(sql);
    for (const cause of [liveInput, randomUUID()])
      await shadow.query(
        `INSERT INTO ${CONTEXT}.shadow_gateway_calls (gateway, operation, cause_event_id, request)
         VALUES ('payment-processor', 'authorize', $1, '{}')`,
        [cause],
      );
    const refused = await cutOver();
    expect(refused.code).toBe(EXIT.refused);
    expect(refused.output).toContain('1 gateway call(s) the shadow recorded (payment-processor authorize 1)');
    const forced = await cutOver({ force: true });
    expect(forced.code).toBe(EXIT.done);
    expect((await readPromotion(shadow, CONTEXT))?.record).toMatchObject({ gatewayCallsNotMade: 1, forced: true });
  });
});
