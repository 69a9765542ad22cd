import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@platform/testing';
import { adminTokenPath } from '@platform/http';
import { freePort, startMonolith, stopGracefully, type Monolith } from './support/monolith-process';
import { orderBody } from './support/order-flow';
import { FAST_FLOW } from './support/running-platform';
import { runScript, type CliRun } from './support/run-cli';

/** a command that must succeed: its output says why when it did not */
function expectSuccess(run: CliRun): void {
  if (run.code !== 0) throw new Error(`exit ${run.code}\n${run.stderr}\n${run.stdout}`.slice(0, 4000));
}

const REBUILD = 'apps/analytics/src/rebuild/main.ts';
const CHECK_INVARIANTS = 'scripts/invariants/main.ts';
const DEAD_LETTERS = 'scripts/dead-letters/main.ts';

/**
 * The default set-up as a new user has it (embedded PGlite, no DATABASE_URL, no ADMIN_TOKEN), and
 * the README's operations commands run against it while it serves orders, then while it is
 * stopped. Issue 11: a rebuild run beside `npm start` used to open the same data folder from a
 * second process and damage it; check:invariants could not run at all.
 */
describe('operating the single binary on its embedded database', () => {
  const folder = mkdtempSync(join(tmpdir(), 'operations-'));
  const env: NodeJS.ProcessEnv = {
    ...FAST_FLOW,
    DATABASE_URL: '',
    ADMIN_TOKEN: '',
    TRANSPORT: 'inprocess',
    PGLITE_DATA_DIR: join(folder, 'pglite'),
  };
  let platform: Monolith;
  const placed: string[] = [];

  const api = async (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${platform.baseUrl}${path}`, init);
  const admin = async <T>(path: string): Promise<T> => {
    const token = readFileSync(adminTokenPath(env), 'utf8').trim(); // as the CLIs find it
    const response = await api(path, { headers: { Authorization: `Bearer ${token}` } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  /** one order after another, each placed once the last left PENDING, until `until` settles */
  const placeOrdersUntil = async (until: Promise<unknown>, max = 150): Promise<void> => {
    let finished = false;
    void until.finally(() => (finished = true));
    while (!finished && placed.length < max) {
      const response = await api('/orders', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(orderBody({ lines: [{ sku: 'SKU-0001', quantity: 1 }] })),
      });
      if (response.status !== 202) throw new Error(`placing an order: ${response.status} ${await response.text()}`);
      const { orderId } = (await response.json()) as { orderId: string };
      placed.push(orderId);
      await eventually(
        async () => ((await (await api(`/orders/${orderId}`)).json()) as { status: string }).status,
        (status) => status !== 'PENDING',
        { expected: `order ${orderId} confirmed or cancelled`, timeoutMs: 30_000, intervalMs: 20 },
      );
    }
  };

  beforeAll(async () => {
    platform = await startMonolith(env);
  });

  afterAll(async () => {
    if (platform.process.exitCode === null) platform.process.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });

  it('rebuilds analytics and checks the invariants through the running platform while it serves orders', async () => {
    const commands = (async () => [await runScript(REBUILD, [], env), await runScript(CHECK_INVARIANTS, [], env)])();
    await placeOrdersUntil(commands);
    const [rebuild, invariants] = await commands;

    expectSuccess(rebuild);
    expect(rebuild.stdout).toContain(`rebuilt by the running platform (pid ${platform.process.pid}`);
    expectSuccess(invariants);
    expect(invariants.stdout).toContain(`the running platform (pid ${platform.process.pid}`);

    // every order settles, and the read models agree with the orders: nothing lost, nothing twice
    await eventually(
      () => admin<{ placed: number; delivered: number; cancelled: number }>('/analytics/funnel'),
      (funnel) => funnel.placed === placed.length && funnel.delivered + funnel.cancelled === placed.length,
      { expected: `all ${placed.length} orders in the funnel, delivered or cancelled`, timeoutMs: 90_000 },
    );
    const settled = await runScript(CHECK_INVARIANTS, ['--settle-ms', '0', '--json'], env);
    expectSuccess(settled);
    const pending = await admin<{ items: unknown[] }>('/admin/dead-letters?status=pending');
    expect(pending.items).toEqual([]);
    const letters = await runScript(DEAD_LETTERS, ['list'], env);
    expectSuccess(letters);
  });

  it('refuses a second platform on the same data folder at once, naming the owner', async () => {
    const started = Date.now();
    const second = await startMonolith(env, { port: await freePort() }).catch((error: Error) => error);
    expect(second).toBeInstanceOf(Error);
    expect((second as Error).message).toContain(`in use by process ${platform.process.pid}`);
    expect(Date.now() - started).toBeLessThan(30_000);
    // and the owner is unharmed
    expect((await api('/health/ready')).status).toBe(200);
  });

  it('lets the commands open the folder themselves, under its lock, while the platform is stopped', async () => {
    await stopGracefully(platform);

    const invariants = await runScript(CHECK_INVARIANTS, ['--settle-ms', '0'], env);
    expectSuccess(invariants);
    expect(invariants.stdout).toContain('the embedded database');
    const letters = await runScript(DEAD_LETTERS, ['list', '--json'], env);
    expectSuccess(letters);
    expect(JSON.parse(letters.stdout)).toMatchObject({ items: [] });
    const rebuild = await runScript(REBUILD, [], env);
    expectSuccess(rebuild);
    expect(rebuild.stdout).toMatch(/analytics read models rebuilt: \d+ event\(s\) projected/);

    // and what they left is whole: the platform starts on it and everything still holds
    platform = await startMonolith(env);
    const again = await runScript(CHECK_INVARIANTS, ['--settle-ms', '0'], env);
    expectSuccess(again);
    await stopGracefully(platform);
  });
});
