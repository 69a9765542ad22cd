import { PlatformMetrics } from '@platform/observability';
import { databaseBackends, eventually, type Backend } from '@platform/testing';
import { FAULTS, faultsFor } from '../../../../test/fixtures/pipeline-app/fault-plan';
import {
  startDeadLetterTestApp,
  type DeadLetterTestApp,
} from '../../../../test/fixtures/dead-letters/dead-letter-test-app';

const GROUPS = ['consumer_a', 'consumer_b'];
const GARBAGE = Buffer.from([0xff, 0xff, 0xff, 0xff, 0x01]);

describe.each(databaseBackends())('dead-letter admin API on %s', (backend: Backend) => {
  let t: DeadLetterTestApp;

  beforeAll(async () => {
    t = await startDeadLetterTestApp(backend, GROUPS);
  });

  afterAll(async () => {
    await t?.stop();
  });

  beforeEach(async () => {
    FAULTS.clear();
    for (const group of GROUPS) await t.db.query(`TRUNCATE ${group}.effects, ${group}.inbox, ${group}.dead_letters`);
  });

  const effectSeqs = async (group: string): Promise<number[]> =>
    (await t.db.query(`SELECT seq FROM ${group}.effects ORDER BY seq`)).map((r: { seq: number }) => r.seq);

  const lettersIn = (group: string, count: number): Promise<Array<{ id: string; status: string }>> =>
    eventually(
      () => t.db.query(`SELECT id::text AS id, status FROM ${group}.dead_letters ORDER BY id`),
      (rows: unknown[]) => rows.length >= count,
      { expected: `${count} dead letter(s) in ${group}` },
    );

  /** seq `poisoned` fails for good in consumer_a; consumer_b handles everything */
  const deadLetterSeq = async (key: string, seqs: number[], poisoned: number[]): Promise<void> => {
    for (const seq of poisoned) faultsFor('consumer_a').failPermanently.add(seq);
    await t.emit(seqs.map((seq) => ({ entityId: key, seq, note: '' })));
    await lettersIn('consumer_a', poisoned.length);
    await eventually(
      () => effectSeqs('consumer_b'),
      (s) => s.length >= seqs.length,
      { expected: 'consumer_b to handle all' },
    );
  };

  it('refuses a missing or wrong credential with 401 problem+json on every route', async () => {
    for (const [method, path, body] of [
      ['GET', '/admin/dead-letters'],
      ['GET', '/admin/dead-letters/consumer_a/1'],
      ['POST', '/admin/dead-letters/consumer_a/1/redrive'],
      ['POST', '/admin/dead-letters/redrive', {}],
      ['POST', '/admin/dead-letters/consumer_a/1/discard', { reason: 'nope' }],
      ['GET', '/admin/dead-letters/count'],
      ['POST', '/admin/dead-letters/discard', { reason: 'nope' }],
    ] as const) {
      for (const token of [null, 'wrong-token']) {
        const answer = await t.http(method, path, body, token);
        expect({ path, token, status: answer.status, type: answer.contentType }).toEqual({
          path,
          token,
          status: 401,
          type: expect.stringContaining('application/problem+json'),
        });
      }
    }
  });

  it('lists with filters and pages through every letter once, newest first', async () => {
    await deadLetterSeq('list', [1, 2, 3, 4], [2, 3]);
    await t.publishRaw({ key: 'list', value: GARBAGE });
    await lettersIn('consumer_a', 3);
    await lettersIn('consumer_b', 1);

    const all = await t.http('GET', '/admin/dead-letters');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(4);
    expect(all.body.nextCursor).toBeNull();
    const times = all.body.items.map((l: { lastFailedAt: string }) => l.lastFailedAt);
    expect(times).toEqual([...times].sort().reverse());

    const byCode = await t.http('GET', '/admin/dead-letters?context=consumer_a&errorCode=TEST.NEVER&status=pending');
    expect(byCode.body.items.map((l: { key: string; errorCode: string }) => [l.key, l.errorCode])).toEqual([
      ['list', 'TEST.NEVER'],
      ['list', 'TEST.NEVER'],
    ]);
    const undecodable = await t.http('GET', '/admin/dead-letters?errorCode=EVENT.UNDECODABLE');
    expect(undecodable.body.items.map((l: { context: string }) => l.context).sort()).toEqual(GROUPS);
    const byGroup = await t.http('GET', '/admin/dead-letters?group=consumer_b');
    expect(byGroup.body.items).toHaveLength(1);
    const future = await t.http('GET', `/admin/dead-letters?from=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(future.body.items).toEqual([]);
    const past = await t.http('GET', `/admin/dead-letters?to=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(past.body.items).toHaveLength(4);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ context: string; id: string }>; nextCursor: string | null } } = await t.http(
        'GET',
        `/admin/dead-letters?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.body.items.map((l) => `${l.context}/${l.id}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.items.map((l: { context: string; id: string }) => `${l.context}/${l.id}`));
  });

  it('answers malformed filters and unknown letters with 4xx problem+json', async () => {
    for (const [path, status] of [
      ['/admin/dead-letters?status=lost', 400],
      ['/admin/dead-letters?limit=0', 400],
      ['/admin/dead-letters?from=yesterday', 400],
      ['/admin/dead-letters?cursor=not-a-cursor', 400],
      ['/admin/dead-letters?unknown=1', 400],
      ['/admin/dead-letters?context=nowhere', 404],
      ['/admin/dead-letters/consumer_a/abc', 400],
      ['/admin/dead-letters/Bad-Context/1', 400],
      ['/admin/dead-letters/consumer_a/999999', 404],
      ['/admin/dead-letters/nowhere/1', 404],
    ] as const) {
      const answer = await t.http('GET', path);
      expect({ path, status: answer.status, type: answer.contentType }).toEqual({
        path,
        status,
        type: expect.stringContaining('application/problem+json'),
      });
    }
    const unknown = await t.http('GET', '/admin/dead-letters/consumer_a/999999');
    expect(unknown.body).toMatchObject({ status: 404, code: 'DEAD_LETTER.NOT_FOUND' });
  });

  it('shows one letter with the original record byte for byte and the failure', async () => {
    await t.publishRaw({ key: 'show', value: GARBAGE });
    const [{ id }] = await lettersIn('consumer_a', 1);
    const [row] = await t.db.query(`SELECT partition, "offset" FROM consumer_a.dead_letters WHERE id = $1`, [id]);

    const answer = await t.http('GET', `/admin/dead-letters/consumer_a/${id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      context: 'consumer_a',
      id,
      group: 'consumer_a',
      topic: 'platformtest.thing-happened.v1',
      partition: row.partition,
      offset: row.offset,
      key: 'show',
      eventType: 'platformtest.thing-happened',
      errorCode: 'EVENT.UNDECODABLE',
      errorClass: 'UndeliverableEventError',
      attempts: 1,
      status: 'pending',
      valueBytes: GARBAGE.length,
      resolvedAt: null,
    });
    expect(Buffer.from(answer.body.valueBase64, 'base64')).toEqual(GARBAGE);
    expect(answer.body.headers['event-type']).toBe('platformtest.thing-happened');
    expect(answer.body.errorMessage).toMatch(/cannot decode Avro body/);
    expect(answer.body.errorStack).toMatch(/UndeliverableEventError/);
    expect(Date.parse(answer.body.firstFailedAt)).toBeLessThanOrEqual(Date.parse(answer.body.lastFailedAt));
  });

  it('re-drives one letter to its own group only: handled, resolved, and refused a second time', async () => {
    await deadLetterSeq('redrive', [10, 11, 12], [11]);
    const [{ id }] = await lettersIn('consumer_a', 1);
    expect(await effectSeqs('consumer_a')).toEqual([10, 12]);
    faultsFor('consumer_a').failPermanently.clear(); // the "fix" is deployed

    const answer = await t.http('POST', `/admin/dead-letters/consumer_a/${id}/redrive`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      context: 'consumer_a',
      id,
      outcome: 'handled',
      status: 'resolved',
      newDeadLetterId: null,
    });
    expect(await effectSeqs('consumer_a')).toEqual([10, 11, 12]);
    expect(await effectSeqs('consumer_b')).toEqual([10, 11, 12]); // consumer_b was not handed it again
    const [row] = await t.db.query(`SELECT status, resolved_at, resolution FROM consumer_a.dead_letters`);
    expect(row).toMatchObject({ status: 'resolved', resolution: 're-driven: handled' });
    expect(row.resolved_at).toBeInstanceOf(Date);

    const again = await t.http('POST', `/admin/dead-letters/consumer_a/${id}/redrive`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'DEAD_LETTER.NOT_PENDING' });
  });

  it('keeps inbox dedupe on re-drive: a letter whose event was handled meanwhile is a duplicate', async () => {
    await deadLetterSeq('dedupe', [20], [20]);
    const [{ id }] = await lettersIn('consumer_a', 1);
    faultsFor('consumer_a').failPermanently.clear();
    expect((await t.http('POST', `/admin/dead-letters/consumer_a/${id}/redrive`)).body.outcome).toBe('handled');
    // the same record dead-lettered twice (say, by two consumers before a rebalance): a pending copy
    const [copy] = await t.db.query(
      `INSERT INTO consumer_a.dead_letters (consumer_group, topic, partition, "offset", msg_key, headers, value,
         event_id, error_code, error_message, attempts, first_failed_at, last_failed_at)
       SELECT consumer_group, topic, partition, "offset", msg_key, headers, value, event_id, error_code,
              error_message, attempts, first_failed_at, last_failed_at
         FROM consumer_a.dead_letters WHERE id = $1 RETURNING id::text AS id`,
      [id],
    );

    const answer = await t.http('POST', `/admin/dead-letters/consumer_a/${copy.id}/redrive`);
    expect(answer.body).toMatchObject({ outcome: 'duplicate', status: 'resolved' });
    expect(await effectSeqs('consumer_a')).toEqual([20]);
  });

  it('records a re-driven letter that fails again as a new letter, pointing at the old one', async () => {
    await deadLetterSeq('again', [30], [30]);
    const [{ id }] = await lettersIn('consumer_a', 1);

    const answer = await t.http('POST', `/admin/dead-letters/consumer_a/${id}/redrive`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ outcome: 'dead_lettered', status: 'redriven' });
    const rows = await t.db.query(
      `SELECT id::text AS id, status, redriven_from::text AS redriven_from, error_code, resolution
         FROM consumer_a.dead_letters ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        id,
        status: 'redriven',
        redriven_from: null,
        error_code: 'TEST.NEVER',
        resolution: `re-driven: failed again, see dead letter consumer_a/${answer.body.newDeadLetterId}`,
      },
      {
        id: answer.body.newDeadLetterId,
        status: 'pending',
        redriven_from: id,
        error_code: 'TEST.NEVER',
        resolution: null,
      },
    ]);
    expect(await effectSeqs('consumer_a')).toEqual([]);
  });

  it('re-drives a filtered batch, oldest first, and leaves the rest alone', async () => {
    await deadLetterSeq('batch', [40, 41, 42, 43], [41, 43]);
    await t.publishRaw({ key: 'batch', value: GARBAGE });
    await lettersIn('consumer_a', 3);
    await lettersIn('consumer_b', 1);
    faultsFor('consumer_a').failPermanently.clear();

    const answer = await t.http('POST', '/admin/dead-letters/redrive', {
      context: 'consumer_a',
      errorCode: 'TEST.NEVER',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ redriven: 2, handled: 2, duplicates: 0, failedAgain: 0 });
    expect(await effectSeqs('consumer_a')).toEqual([40, 41, 42, 43]);
    const pending = await t.db.query(
      `SELECT 'a' AS g, error_code FROM consumer_a.dead_letters WHERE status = 'pending'
       UNION ALL SELECT 'b', error_code FROM consumer_b.dead_letters WHERE status = 'pending'`,
    );
    expect(pending).toEqual(
      expect.arrayContaining([
        { g: 'a', error_code: 'EVENT.UNDECODABLE' },
        { g: 'b', error_code: 'EVENT.UNDECODABLE' },
      ]),
    );
    expect(pending).toHaveLength(2);

    const bad = await t.http('POST', '/admin/dead-letters/redrive', { limit: 100000 });
    expect(bad.status).toBe(400);
  });

  it('counts and discards a filtered batch (by key too) with one reason, leaving the rest alone', async () => {
    await deadLetterSeq('drop', [50, 51], [50, 51]);
    await deadLetterSeq('keep', [52], [52]);
    await t.publishRaw({ key: 'drop', value: GARBAGE });
    await lettersIn('consumer_a', 4);
    await lettersIn('consumer_b', 1);

    const count = async (query: string): Promise<number> =>
      (await t.http('GET', `/admin/dead-letters/count?${query}`)).body.count;
    expect(await count('status=pending')).toBe(5);
    expect(await count('key=drop&status=pending')).toBe(4); // garbage in both groups
    expect(await count('key=drop&context=consumer_a&errorCode=TEST.NEVER')).toBe(2);
    expect((await t.http('GET', '/admin/dead-letters?key=keep')).body.items).toHaveLength(1);

    for (const body of [{ key: 'drop' }, { key: 'drop', reason: '  ' }, { key: '', reason: 'why not' }]) {
      const refused = await t.http('POST', '/admin/dead-letters/discard', body);
      expect({ body, status: refused.status, type: refused.contentType }).toEqual({
        body,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
    }
    expect((await t.http('POST', '/admin/dead-letters/discard', { context: 'nowhere', reason: 'x y z' })).status).toBe(
      404,
    );

    const answer = await t.http('POST', '/admin/dead-letters/discard', {
      key: 'drop',
      context: 'consumer_a',
      reason: 'test records; nothing to do',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.discarded).toBe(3);
    expect(answer.body.letters.map((l: { context: string }) => l.context)).toEqual(Array(3).fill('consumer_a'));
    const rows = await t.db.query(`SELECT msg_key, status, resolution FROM consumer_a.dead_letters ORDER BY id`);
    expect(rows.filter((r: { msg_key: string }) => r.msg_key === 'drop')).toEqual(
      Array(3).fill({ msg_key: 'drop', status: 'discarded', resolution: 'test records; nothing to do' }),
    );
    expect(rows.filter((r: { status: string }) => r.status === 'pending')).toEqual([
      { msg_key: 'keep', status: 'pending', resolution: null },
    ]);
    expect(await count('status=pending')).toBe(2); // keep, and consumer_b's garbage
    expect((await t.http('POST', '/admin/dead-letters/discard', { key: 'drop', reason: 'again' })).body).toEqual({
      discarded: 1, // only consumer_b's copy of the garbage was still pending
      letters: [{ context: 'consumer_b', id: expect.any(String) }],
    });
  });

  it('discards one letter with a mandatory reason, kept with it', async () => {
    await t.publishRaw({ key: 'discard', value: GARBAGE });
    const [{ id }] = await lettersIn('consumer_a', 1);
    const path = `/admin/dead-letters/consumer_a/${id}/discard`;

    for (const body of [undefined, {}, { reason: '   ' }, { reason: 'ok', extra: 1 }, '{"reason":']) {
      const answer = await t.http('POST', path, body);
      expect({ body, status: answer.status, type: answer.contentType }).toEqual({
        body,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
      });
    }
    expect((await t.db.query(`SELECT status FROM consumer_a.dead_letters`))[0].status).toBe('pending');

    const answer = await t.http('POST', path, { reason: 'a load-test record; nothing to do' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'discarded', resolution: 'a load-test record; nothing to do' });
    const [row] = await t.db.query(`SELECT status, resolution, resolved_at FROM consumer_a.dead_letters`);
    expect(row).toMatchObject({ status: 'discarded', resolution: 'a load-test record; nothing to do' });
    expect(row.resolved_at).toBeInstanceOf(Date);
    expect((await t.http('POST', path, { reason: 'twice' })).status).toBe(409);
    expect((await t.http('POST', `/admin/dead-letters/consumer_a/${id}/redrive`)).status).toBe(409);
  });

  it('reports the pending depth per context and group as a gauge', async () => {
    const depth = async (group: string): Promise<number | undefined> => {
      const gauge = await t.app.get(PlatformMetrics).deadLetterDepth.get();
      return gauge.values.find((v) => v.labels.context === group && v.labels.group === group)?.value;
    };
    await t.publishRaw({ key: 'depth', value: GARBAGE });
    await t.publishRaw({ key: 'depth', value: GARBAGE });
    const letters = await lettersIn('consumer_a', 2);
    await lettersIn('consumer_b', 2);
    expect(await depth('consumer_a')).toBe(2);
    await t.http('POST', `/admin/dead-letters/consumer_a/${letters[0].id}/discard`, { reason: 'garbage' });
    expect(await depth('consumer_a')).toBe(1);
    expect(await depth('consumer_b')).toBe(2);
    await t.http('POST', `/admin/dead-letters/consumer_a/${letters[1].id}/discard`, { reason: 'garbage' });
    expect(await depth('consumer_a')).toBe(0);
  });
});
