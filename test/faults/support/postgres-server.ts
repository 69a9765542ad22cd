import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { eventually } from '@platform/testing';

const run = promisify(execFile);

/**
 * The PostgreSQL server the suite runs against, as a fault: the local Debian cluster that
 * test/postgres/ensure-postgres.sh starts (`pg_ctlcluster <version> main`). Only a server on this
 * machine can be restarted; for any other DATABASE_URL, or without pg_ctlcluster, `restartable`
 * says why not (the scenario is skipped loudly, and fails under CI=true).
 */
export function restartable(url: string): string | undefined {
  const { hostname, port } = new URL(url);
  if (!['127.0.0.1', 'localhost'].includes(hostname) || (port !== '' && port !== '5432'))
    return `DATABASE_URL is not the local cluster at 127.0.0.1:5432 (${hostname}:${port})`;
  if (clusterVersion() === undefined) return 'no Debian PostgreSQL cluster (/etc/postgresql) to restart';
  return undefined;
}

/**
 * Stops the server (fast shutdown: every session is ended, as in a restart or a failover), leaves
 * it down for `gapMs`, starts it again and waits until it accepts connections: the suite uses the
 * same server for its own checks. Whatever happens, the server is started again.
 */
export async function restartPostgres(url: string, gapMs: number): Promise<{ downMs: number }> {
  const version = clusterVersion();
  if (!version) throw new Error('no PostgreSQL cluster to restart');
  const stoppedAt = Date.now();
  try {
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'stop', '-m', 'fast']);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  } finally {
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
  }
  await untilAnswering(url);
  return { downMs: Date.now() - stoppedAt };
}

async function untilAnswering(url: string): Promise<void> {
  await eventually(
    async () => {
      const client = new Client({ connectionString: url, application_name: 'faults:restart' });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    (up) => up,
    { expected: 'PostgreSQL accepting connections again', timeoutMs: 60_000, intervalMs: 100 },
  );
}

function clusterVersion(): string | undefined {
  try {
    return readdirSync('/etc/postgresql')
      .sort((a, b) => Number(a) - Number(b))
      .pop();
  } catch {
    return undefined;
  }
}
