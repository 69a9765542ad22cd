import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { PLATFORM_KNOBS, type PlatformBuild } from './orders-bench-config';
import { processCpu, type ProcessCpu } from './process-cpu';

/**
 * The single binary as a child process, as users run it: its own Node process, its own event
 * loop and CPU, reached only over loopback HTTP and through its database. Stopped with SIGTERM so
 * it drains as in production (and so `--cpu-prof` writes its profile on the way out).
 */
const ROOT = join(__dirname, '..', '..', '..');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 40_000;

/** platform processes still running: killed if this process ends first (an error, Ctrl-C, a closed pipe) */
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    running.forEach((child) => child.kill('SIGKILL'));
    process.stderr.write(
      `bench: ${signal}: platform stopped; the scratch database (or PGlite folder) named above is left behind\n`,
    );
    process.exit(130);
  });
}

export interface PlatformProcess {
  readonly pid: number;
  readonly baseUrl: string;
  readonly adminToken: string;
  readonly command: string;
  /** seconds from spawn to /health/ready answering 200 */
  readonly startSeconds: number;
  /** CPU time of the process so far (Linux /proc; undefined elsewhere) */
  cpu(): ProcessCpu | undefined;
  signal(signal: NodeJS.Signals): void;
  /** resolves when the process has exited, however it was stopped */
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  stop(): Promise<{ code: number | null; signal: string | null }>;
}

export interface PlatformStart {
  readonly build: PlatformBuild;
  /** the platform's DATABASE_URL; without one it runs on its embedded PGlite (PGLITE_DATA_DIR in `env`) */
  readonly databaseUrl?: string;
  readonly adminToken: string;
  /** `--cpu-prof` into this directory */
  readonly cpuProfDir?: string;
  /** load query-census.preload.cjs, which writes its census here (see that file) */
  readonly censusFile?: string;
  /** the deployable under apps/ (default monolith): a context's own process in the split-services stage */
  readonly app?: string;
  /** set after the bench's own settings: the transport, CONTEXTS, Kafka settings (bench:kafka) */
  readonly env?: NodeJS.ProcessEnv;
}

/** `npm run build` (tsc is incremental: seconds when little changed), so dist/ matches the sources */
export async function buildDist(): Promise<number> {
  const started = performance.now();
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT, maxBuffer: 16 * 2 ** 20 });
  return (performance.now() - started) / 1000;
}

/**
 * builds the platform when the run uses dist/, and says in the report how the processes are
 * started: `main` names the entry point(s) under dist/, `knob` the setting that chooses
 */
export async function preparePlatformBuild(build: PlatformBuild, main: string, knob: string): Promise<void> {
  if (build === 'dist') {
    console.log(`  platform: npm run build took ${(await buildDist()).toFixed(1)} s; running ${main}`);
  } else {
    console.log(`  platform: from the sources through @swc-node/register (${knob}=source)`);
  }
}

export async function startPlatform(options: PlatformStart): Promise<PlatformProcess> {
  const port = await freePort();
  const app = options.app ?? 'monolith';
  const entry =
    options.build === 'dist'
      ? [`dist/apps/${app}/src/main.js`]
      : ['-r', '@swc-node/register', `apps/${app}/src/main.ts`];
  const args = [
    ...(options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : []),
    ...(options.censusFile ? ['-r', './test/bench/orders/query-census.preload.cjs'] : []),
    ...entry,
  ];
  const passed = Object.fromEntries(Object.entries(process.env).filter(([name]) => PLATFORM_KNOBS.test(name)));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...passed,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_TOKEN: options.adminToken,
    LOG_LEVEL: 'warn',
    SHIPPING_AUTO_ADVANCE: 'false',
    INVENTORY_SEED_DEMO: 'true',
    ...(options.censusFile ? { BENCH_QUERY_CENSUS_FILE: options.censusFile } : {}),
    ...options.env,
  };
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const output = captureOutput(child);
  // BENCH_PLATFORM_LOG_DIR: every platform process's whole output, one file each, to read after a run
  const logDir = process.env.BENCH_PLATFORM_LOG_DIR;
  if (logDir) {
    const file = createWriteStream(join(logDir, `${app}-${child.pid}.log`));
    child.stdout?.pipe(file);
    child.stderr?.pipe(file);
  }
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitReady(baseUrl, exited);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- platform output ---\n${output()}`);
  }
  const pid = child.pid ?? -1;
  return {
    pid,
    baseUrl,
    adminToken: options.adminToken,
    command: `node ${args.join(' ')}`,
    startSeconds: (performance.now() - started) / 1000,
    cpu: () => processCpu(pid),
    signal: (signal) => void child.kill(signal),
    exited,
    stop: async () => {
      child.kill('SIGTERM');
      const timeout = sleep(STOP_TIMEOUT_MS, undefined, { ref: false });
      const result = await Promise.race([exited, timeout]);
      if (result) return result;
      child.kill('SIGKILL');
      throw new Error(`the platform did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM\n${output()}`);
    },
  };
}

/** keeps the last 8 KiB the platform printed (warnings and errors only, at LOG_LEVEL=warn) */
function captureOutput(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-8192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

async function waitReady(baseUrl: string, exited: Promise<{ code: number | null }>): Promise<void> {
  let gone: { code: number | null } | undefined;
  void exited.then((e) => (gone = e));
  const deadline = performance.now() + READY_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (gone) throw new Error(`the platform exited with code ${gone.code} before it was ready`);
    const status = await fetch(`${baseUrl}/health/ready`).then(
      (r) => r.arrayBuffer().then(() => r.status),
      () => 0,
    );
    if (status === 200) return;
    await sleep(100);
  }
  throw new Error(`the platform was not ready within ${READY_TIMEOUT_MS} ms`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
