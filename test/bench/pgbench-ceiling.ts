import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

/**
 * The server's own ceiling for comparison (../shared/FACTS.md, "PostgreSQL ceiling"): pgbench
 * committing one-row INSERTs from `clients` connections, in a scratch database created and
 * dropped here, on the same server and in the same run as the relay figures.
 */
export type Ceiling =
  | { readonly tps: number; readonly clients: number; readonly seconds: number; readonly command: string }
  | { readonly skipped: string };

const SCRIPT = 'INSERT INTO bench_ceiling(v) VALUES (1);\n';

export async function pgbenchCeiling(serverUrl: string, clients: number, seconds: number): Promise<Ceiling> {
  try {
    await run('pgbench', ['--version']);
  } catch (error) {
    return { skipped: `pgbench not found (${(error as Error).message.split('\n')[0]})` };
  }
  const database = `bench_ceiling_${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-ceiling-'));
  const script = join(dir, 'insert-one-row.sql');
  writeFileSync(script, SCRIPT);
  await admin(serverUrl, `CREATE DATABASE ${database}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    await admin(url.toString(), 'CREATE TABLE bench_ceiling (id bigserial PRIMARY KEY, v int NOT NULL)');
    const threads = String(Math.max(1, Math.min(clients, cpus().length)));
    const args = ['-n', '-f', script, '-c', String(clients), '-j', threads, '-T', String(seconds), url.toString()];
    const { stdout } = await run('pgbench', args, { timeout: (seconds + 30) * 1000 });
    const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    if (!match) return { skipped: `could not read tps from pgbench output:\n${stdout}` };
    const shown = args.map((a) => (a === script ? '<file: INSERT INTO bench_ceiling(v) VALUES (1)>' : a));
    return { tps: Number(match[1]), clients, seconds, command: `pgbench ${shown.join(' ')}` };
  } finally {
    await admin(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((e) =>
      console.error(`cleanup: ${e}`),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
