import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { eventually } from '@platform/testing';
import {
  ADMIN_TOKEN,
  startDeadLetterTestApp,
  type DeadLetterTestApp,
} from '../../test/fixtures/dead-letters/dead-letter-test-app';
import { FAULTS, faultsFor } from '../../test/fixtures/pipeline-app/fault-plan';
import { runDeadLettersCli } from './dead-letters-cli';

const GROUPS = ['consumer_a'];
const ROOT = resolve(__dirname, '../..');

/**
 * The CLI against a running app over real HTTP: in-process for the commands (fast), and once as
 * `node scripts/dead-letters/main.ts` to prove the exit status reaches the shell. The API itself
 * is tested on both backends in libs/http; the CLI does not depend on the backend, so PGlite.
 */
describe('npm run dead-letters against a running app', () => {
  let t: DeadLetterTestApp;

  beforeAll(async () => {
    t = await startDeadLetterTestApp('pglite', GROUPS);
  });

  afterAll(async () => {
    await t?.stop();
  });

  beforeEach(async () => {
    FAULTS.clear();
    await t.db.query('TRUNCATE consumer_a.effects, consumer_a.inbox, consumer_a.dead_letters');
  });

  const cli = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await runDeadLettersCli(argv, {
      env: { DEAD_LETTERS_URL: t.baseUrl, ADMIN_TOKEN },
      out: (text) => (out += `${text}\n`),
      err: (text) => (err += `${text}\n`),
    });
    return { code, out, err };
  };

  const poison = async (key: string, seqs: number[]): Promise<string[]> => {
    for (const seq of seqs) faultsFor('consumer_a').failPermanently.add(seq);
    await t.emit(seqs.map((seq) => ({ entityId: key, seq, note: '' })));
    const rows = await eventually(
      (): Promise<Array<{ id: string }>> =>
        t.db.query('SELECT id::text AS id FROM consumer_a.dead_letters ORDER BY id'),
      (r) => r.length >= seqs.length,
      { expected: `${seqs.length} dead letters` },
    );
    return rows.map((r) => r.id);
  };

  it('lists as a table, filtered, and shows one letter', async () => {
    const [id] = await poison('cli-list', [1]);
    await t.publishRaw({ key: 'cli-garbage', value: Buffer.from([0xff, 0x01]) });
    await eventually(
      () => t.db.query('SELECT id FROM consumer_a.dead_letters'),
      (r: unknown[]) => r.length === 2,
      { expected: 'the garbage letter too' },
    );

    const all = await cli('list');
    expect(all).toMatchObject({ code: 0, err: '' });
    expect(all.out).toMatch(/^LETTER\s+STATUS\s+LAST FAILURE\s+TOPIC\s+KEY\s+ERROR\s+TRIES\s+MESSAGE$/m);
    expect(all.out).toMatch(new RegExp(`^consumer_a/${id}\\s+pending\\s.*cli-list\\s+TEST\\.NEVER\\s+1\\s`, 'm'));
    expect(all.out).toContain('EVENT.UNDECODABLE');
    expect(all.out).toContain('2 letter(s)');

    const filtered = await cli('list', '--error-code', 'TEST.NEVER', '--status', 'pending');
    expect(filtered.out).not.toContain('EVENT.UNDECODABLE');
    expect(filtered.out).toContain('1 letter(s)');

    const paged = await cli('list', '--limit', '1');
    expect(paged.out).toMatch(/more: add --cursor \S+/);

    const shown = await cli('show', `consumer_a/${id}`);
    expect(shown.code).toBe(0);
    expect(shown.out).toMatch(/^key\s+cli-list$/m);
    expect(shown.out).toMatch(/^error\s+TEST\.NEVER \(PermanentFailure\)$/m);
    expect(shown.out).toMatch(/^source\s+platformtest\.thing-happened\.v1 partition \d+ offset \d+$/m);
    expect(shown.out).toContain('event-type: platformtest.thing-happened');
    expect(shown.out).toContain('PermanentFailure: seq 1 can never be handled');

    const json = await cli('show', `consumer_a/${id}`, '--json');
    expect(JSON.parse(json.out)).toMatchObject({ id, errorCode: 'TEST.NEVER' });
  });

  it('re-drives one letter and a filtered batch; a letter that fails again exits 1', async () => {
    const [first, second, third] = await poison('cli-redrive', [10, 11, 12]);
    faultsFor('consumer_a').failPermanently.delete(10);
    faultsFor('consumer_a').failPermanently.delete(11);

    const one = await cli('redrive', `consumer_a/${first}`);
    expect(one.code).toBe(0);
    expect(one.out).toMatch(new RegExp(`^consumer_a/${first}\\s+handled\\s+resolved`, 'm'));

    const batch = await cli('redrive', '--context', 'consumer_a', '--error-code', 'TEST.NEVER');
    expect(batch.code).toBe(1); // seq 12 still fails
    expect(batch.out).toMatch(new RegExp(`^consumer_a/${second}\\s+handled\\s+resolved`, 'm'));
    expect(batch.out).toMatch(new RegExp(`^consumer_a/${third}\\s+dead_lettered\\s+redriven\\s+consumer_a/\\d+$`, 'm'));
    expect(batch.out).toContain('2 re-driven, 1 settled, 1 failed again');
    const effects = await t.db.query('SELECT seq FROM consumer_a.effects ORDER BY seq');
    expect(effects.map((r: { seq: number }) => r.seq)).toEqual([10, 11]);

    expect((await cli('redrive')).code).toBe(2); // no letter, no filter, no --all
  });

  it('discards with a reason; refusals exit 1 with the problem, wrong usage exits 2', async () => {
    const [id] = await poison('cli-discard', [20]);

    const noReason = await cli('discard', `consumer_a/${id}`);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('discard needs --reason');

    const done = await cli('discard', `consumer_a/${id}`, '--reason', 'test data');
    expect(done).toMatchObject({ code: 0, out: `discarded consumer_a/${id}: test data\n` });
    const [row] = await t.db.query('SELECT status, resolution FROM consumer_a.dead_letters WHERE id = $1', [id]);
    expect(row).toEqual({ status: 'discarded', resolution: 'test data' });

    const again = await cli('discard', `consumer_a/${id}`, '--reason', 'again');
    expect(again.code).toBe(1);
    expect(again.err).toContain('HTTP 409 DEAD_LETTER.NOT_PENDING');

    const missing = await cli('show', 'consumer_a/987654');
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.err).toContain('HTTP 404 DEAD_LETTER.NOT_FOUND');

    const badFilter = await cli('list', '--status', 'lost');
    expect(badFilter.code).toBe(1);
    expect(badFilter.err).toMatch(/HTTP 400 REQUEST\.INVALID.*status/);

    expect((await cli('show', 'not-a-letter')).code).toBe(2);
    expect((await cli('explode')).code).toBe(2);
    const unreachable = await cli('list', '--url', 'http://127.0.0.1:9');
    expect(unreachable.code).toBe(2);
    expect(unreachable.err).toContain('cannot reach http://127.0.0.1:9');
  });

  it('exits from the shell with 0 on success and 1 on a wrong token', async () => {
    const run = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
      new Promise((done) => {
        execFile(
          process.execPath,
          ['-r', '@swc-node/register', 'scripts/dead-letters/main.ts', ...args],
          { cwd: ROOT, env: { ...process.env, DEAD_LETTERS_URL: t.baseUrl, ADMIN_TOKEN } },
          (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
        );
      });
    const ok = await run('list');
    expect(ok).toMatchObject({ code: 0, stdout: 'no dead letters match\n' });
    const refused = await run('list', '--token', 'wrong');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('HTTP 401');
  });
});
