import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { testEnvironment } from '@platform/testing';

/**
 * A deployable checks its settings before it opens anything (docs/adr/0024): the loyalty context's
 * own process, the smallest, started for real as an operator would start it.
 */
const ROOT = resolve(__dirname, '../..');

function runLoyalty(
  env: Record<string, string>,
  args: string[] = [],
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/loyalty/src/main.ts', ...args], {
      cwd: ROOT,
      // no database server and an in-memory PGlite: were the check missed, the start would go on quietly
      env: { ...testEnvironment(), DATABASE_URL: '', PGLITE_DATA_DIR: 'memory://', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, out, err });
    });
  });
}

describe('settings at start', () => {
  it('refuses a misspelled setting in one line, naming the one meant, and exits 1', async () => {
    const { code, out, err } = await runLoyalty({ LOYALTY_POINTS_PER_UNITS: '2' });
    expect(code).toBe(1);
    expect(err).toBe(
      'failed to start: unknown setting LOYALTY_POINTS_PER_UNITS (did you mean LOYALTY_POINTS_PER_UNIT?)\n',
    );
    expect(out).toBe(''); // nothing started: not even a log line
  });

  it('prints the effective settings with --print-settings, secrets masked, and exits 0', async () => {
    const { code, out, err } = await runLoyalty(
      {
        ADMIN_TOKEN: 'very-secret',
        SHADOW_LIVE_DATABASE_URL: 'postgres://live:pa55word@db/live',
        LOYALTY_POINTS_PER_UNIT: '3',
      },
      ['--print-settings'],
    );
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('LOYALTY_POINTS_PER_UNIT=3\n');
    expect(out).toContain('ADMIN_TOKEN=****\n');
    expect(out).toContain('SHADOW_LIVE_DATABASE_URL=postgres://live:****@db/live\n');
    expect(out).toContain('KAFKA_SESSION_TIMEOUT_MS=30000   # default\n');
    expect(out).not.toMatch(/very-secret|pa55word/);
  });
});
