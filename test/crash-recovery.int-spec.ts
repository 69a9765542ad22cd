import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, databaseBackends, type Backend } from '@platform/testing';

const ROOT = resolve(__dirname, '..');
const CHILD = join(ROOT, 'test/fixtures/pipeline-app/crash-child.ts');
const EVENTS = 300;

interface Child {
  readonly process: ChildProcess;
  /** resolves with the first stdout line that matches */
  waitFor(match: (line: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  readonly exited: Promise<number | null>;
}

function startChild(env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', CHILD], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: Array<{ match: (line: string) => boolean; resolve: (line: string) => void }> = [];
  let buffer = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.match(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return {
    process: child,
    exited,
    waitFor: (match, what, timeoutMs = 60_000) =>
      new Promise<string>((resolvePromise, reject) => {
        const seen = lines.find(match);
        if (seen) return resolvePromise(seen);
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `child: no ${what} within ${timeoutMs} ms; last lines: ${lines.slice(-3).join(' | ')}; stderr: ${stderr.slice(-2000)}`,
              ),
            ),
          timeoutMs,
        );
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`child exited (${code}) before ${what}; stderr: ${stderr.slice(-2000)}`));
        });
        waiters.push({
          match,
          resolve: (line) => {
            clearTimeout(timer);
            resolvePromise(line);
          },
        });
      }),
  };
}

const progressOf = (line: string): Record<string, number> => JSON.parse(line.slice('PROGRESS '.length));

describe.each(databaseBackends())('crash recovery on %s', (backend: Backend) => {
  it('delivers every event to every subscriber exactly once after a SIGKILL mid-delivery and a restart', async () => {
    const target = backend === 'postgres' ? await createTestDatabase('postgres') : undefined;
    const dataDir = mkdtempSync(join(tmpdir(), 'crash-pglite-'));
    const env: NodeJS.ProcessEnv =
      backend === 'postgres' ? { DATABASE_URL: target!.url } : { DATABASE_URL: '', PGLITE_DATA_DIR: dataDir };
    try {
      const first = startChild({ ...env, PRODUCE: String(EVENTS), HANDLER_DELAY_MS: '5' });
      await first.waitFor((l) => l === 'PRODUCED', 'PRODUCED');
      // kill once delivery is well under way but not finished
      const atKill = await first.waitFor((l) => {
        if (!l.startsWith('PROGRESS ')) return false;
        const p = progressOf(l);
        return p.sub_a >= 40 && p.sub_a < EVENTS - 40;
      }, 'progress mid-delivery');
      first.process.kill('SIGKILL');
      expect(await first.exited).toBeNull();

      const second = startChild({ ...env, EXPECT: String(EVENTS) });
      const report = JSON.parse((await second.waitFor((l) => l.startsWith('REPORT '), 'REPORT', 120_000)).slice(7));
      expect(await second.exited).toBe(0);

      expect(progressOf(atKill).sub_a).toBeLessThan(EVENTS);
      for (const group of ['sub_a', 'sub_b']) {
        expect(report[group]).toEqual({
          effects: EVENTS,
          distinct_events: EVENTS,
          distinct_seqs: EVENTS,
          dead_letters: 0,
          keysOutOfOrder: [],
        });
      }
      expect(report.outboxPending).toBe(0);
    } finally {
      await target?.release();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
