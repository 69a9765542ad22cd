import { eventually } from '@platform/testing';
import {
  startDeadLetterTestApp,
  type DeadLetterTestApp,
} from '../../../../test/fixtures/dead-letters/dead-letter-test-app';
import { consoleBackend } from '../../../../test/console/support/console-platform';
import { ConsoleModule } from '../console.module';

const GARBAGE = Buffer.from([0xff, 0xff, 0xff, 0x01]);

/** a peer named in CONSOLE_PEERS that does not answer: nothing listens on the discard port */
const GONE = 'http://127.0.0.1:9';

/**
 * A split deployment in miniature: process A runs consumer_a and the console, its peer B runs
 * consumer_b, and a third peer is down (CONSOLE_PEERS names both). The console at A lists, counts
 * and operates the letters of A and B, and shows the peer that is down as such, never as empty.
 */
describe('the console dead-letter API over two processes', () => {
  let a: DeadLetterTestApp;
  let b: DeadLetterTestApp;

  beforeAll(async () => {
    b = await startDeadLetterTestApp(consoleBackend(), ['consumer_b']);
    a = await startDeadLetterTestApp(consoleBackend(), ['consumer_a'], { CONSOLE_PEERS: `${b.baseUrl}/, ${GONE}` }, [
      ConsoleModule.forRoot({ service: 'a', env: {} }),
    ]);
  });

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  const lettersIn = (app: DeadLetterTestApp, group: string, count: number) =>
    eventually(
      () => app.db.query(`SELECT id::text AS id FROM ${group}.dead_letters ORDER BY id`),
      (rows: Array<{ id: string }>) => rows.length >= count,
      { expected: `${count} dead letter(s) in ${group}` },
    );

  it('lists, pages, counts and operates the letters of both processes from one, naming the one down', async () => {
    await a.publishRaw({ key: 'split-1', value: GARBAGE });
    await b.publishRaw({ key: 'split-2', value: GARBAGE });
    await b.publishRaw({ key: 'split-3', value: GARBAGE });
    await lettersIn(a, 'consumer_a', 1);
    const [bFirst, bSecond] = await lettersIn(b, 'consumer_b', 2);

    const all = await a.http('GET', '/admin/console/dead-letters');
    expect(all.status).toBe(200);
    expect(all.body.unreachable).toEqual([{ peer: GONE, error: expect.stringContaining('cannot reach') }]);
    expect(all.body.items.map((l: { key: string }) => l.key).sort()).toEqual(['split-1', 'split-2', 'split-3']);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Array<{ key: string }>; nextCursor: string | null } } = await a.http(
        'GET',
        `/admin/console/dead-letters?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      paged.push(...page.body.items.map((l) => l.key));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.body.items.map((l: { key: string }) => l.key));
    expect((await a.http('GET', '/admin/console/dead-letters/count?status=pending')).body).toEqual({
      count: 3,
      unreachable: [{ peer: GONE, error: expect.stringContaining('cannot reach') }],
    });
    expect((await a.http('GET', '/admin/console/dead-letters?context=consumer_b')).body.items).toHaveLength(2);

    // one letter of the peer: shown (the garbage cannot be decoded, and says why) and discarded there
    const shown = await a.http('GET', `/admin/console/dead-letters/consumer_b/${bFirst!.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ context: 'consumer_b', key: 'split-2', decoded: null });
    expect(shown.body.decodeError).toMatch(/decode/);
    const discarded = await a.http('POST', `/admin/console/dead-letters/consumer_b/${bFirst!.id}/discard`, {
      reason: 'garbage from a test',
    });
    expect(discarded.body).toMatchObject({ status: 'discarded', resolution: 'garbage from a test' });
    expect(await b.db.query(`SELECT status FROM consumer_b.dead_letters WHERE id = $1`, [bFirst!.id])).toEqual([
      { status: 'discarded' },
    ]);
    const again = await a.http('POST', `/admin/console/dead-letters/consumer_b/${bFirst!.id}/discard`, {
      reason: 'twice',
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'DEAD_LETTER.NOT_PENDING' } });

    // a batch over both: the rest of the pending letters, wherever they are
    const batch = await a.http('POST', '/admin/console/dead-letters/discard', { reason: 'all garbage' });
    expect(batch.body.discarded).toBe(2);
    expect(batch.body.letters.map((l: { context: string }) => l.context).sort()).toEqual(['consumer_a', 'consumer_b']);
    expect(await b.db.query(`SELECT status FROM consumer_b.dead_letters WHERE id = $1`, [bSecond!.id])).toEqual([
      { status: 'discarded' },
    ]);
    // a context nobody here runs, while a peer is down: it may run there, so no "not found"
    expect(await a.http('GET', '/admin/console/dead-letters/nowhere/1')).toMatchObject({
      status: 502,
      body: { code: 'CONSOLE.PEER_UNREACHABLE', detail: expect.stringContaining(GONE) },
    });
  });
});
