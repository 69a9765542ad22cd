import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { eventually } from '@platform/testing';

/**
 * The single binary as a child process (`node -r @swc-node/register apps/monolith/src/main.ts`),
 * for tests that must kill it for real (SIGKILL) or run several processes on one database
 * (`CONTEXTS=...`). Used by the crash e2e test and the fault-injection suite.
 */
const ROOT = resolve(__dirname, '../../..');

export interface Monolith {
  readonly baseUrl: string;
  readonly process: ChildProcess;
  readonly exited: Promise<number | null>;
  /** the end of what it wrote to stdout and stderr, for failure messages */
  tail(): string;
  /** the message of every error-level log line, by how often it came */
  errors(): Record<string, number>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * starts the monolith with `env` on top of this process's, ready once /health/ready answers 200;
 * `app` picks another deployable (`payments` runs apps/payments/src/main.ts, one context alone)
 */
export async function startMonolith(
  env: NodeJS.ProcessEnv,
  options: { port?: number; app?: string } = {},
): Promise<Monolith> {
  const port = options.port ?? (await freePort());
  const app = options.app ?? 'monolith';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const errors: Record<string, number> = {};
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    keep(chunk);
    for (const line of chunk.toString().split('\n')) {
      const entry = /^\{"level":(\d+).*"msg":"(.{0,160})/.exec(line);
      if (entry && Number(entry[1]) >= 50) errors[entry[2]] = (errors[entry[2]] ?? 0) + 1;
    }
  });
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  const monolith = {
    baseUrl: `http://127.0.0.1:${port}`,
    process: child,
    exited,
    tail: () => output,
    errors: () => errors,
  };
  let gone = false;
  void exited.then(() => (gone = true));
  await eventually(
    async () => {
      if (gone) return 0; // stop polling at once: the error below says why it exited
      return (await fetch(`${monolith.baseUrl}/health/ready`)).status;
    },
    (status) => status === 200 || gone,
    { expected: `${app} ready`, timeoutMs: 90_000, intervalMs: 200 },
  );
  if (gone) throw new Error(`${app} exited while starting: ${output}`);
  return monolith;
}

/** SIGTERM, and the exit code must be 0 (a drained, graceful stop) */
export async function stopGracefully(m: Monolith): Promise<void> {
  m.process.kill('SIGTERM');
  const code = await m.exited;
  if (code !== 0) throw new Error(`the monolith stopped with ${code}: ${m.tail()}`);
}
