/**
 * `npm run check:invariants`: the order flow's invariants against a deployment's databases,
 * as a table. Exit status 0 when every invariant holds, 1 on any violation, 2 when it could not
 * check (a database unreachable, a table missing, the embedded database held by another command).
 * On the embedded database it goes through the running platform's admin API, or, when none runs,
 * opens the data folder itself under its lock. See docs/invariants.md.
 */
import { environmentAtStart, loadDotEnv } from '@platform/host';
import { MONOLITH_SETTINGS } from '../../apps/monolith/src/monolith.settings';
import { acquireEmbeddedPostgres, releaseEmbeddedPostgres } from '../../libs/database/src/embedded-postgres';
import { DataDirLockedError } from '../../libs/database/src/data-dir-lock';
import { AdminApiClient, ApiError, UnreachableApi } from '../../libs/http/src/operations/admin-api-client';
import { readAdminToken } from '../../libs/http/src/admin-token';
import { busyMessage, operationsTarget } from '../../libs/http/src/operations/running-platform';
import type { InvariantsReport } from '../../apps/monolith/src/invariants/check-platform-invariants';
import { checkInvariants } from './check-invariants';
import { readCliOptions, USAGE, type CliOptions } from './cli-options';
import { CONTEXTS, type ContextName, type InvariantResult } from './invariant';
import { formatResults } from './report';
import { connectSources, contextUrls, redactUrl } from './sources';

const CANNOT_CHECK = 2;

async function main(): Promise<number> {
  // the platform's own .env, as its main.ts reads it; the real environment wins
  loadDotEnv();
  let cli: CliOptions;
  const { env } = environmentAtStart(process.env, MONOLITH_SETTINGS);
  try {
    cli = readCliOptions(process.argv.slice(2), env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return CANNOT_CHECK;
  }
  if (cli.help) {
    console.log(USAGE);
    return 0;
  }
  const target = await operationsTarget(CONTEXTS, env);
  if (target.kind === 'busy') {
    console.error(busyMessage(target.owner));
    return CANNOT_CHECK;
  }
  if (target.kind === 'running') {
    // the platform owns the embedded folder: it checks, on its own connections
    const report = await new AdminApiClient(target.url, readAdminToken(env)).get<InvariantsReport>(
      '/admin/invariants',
      {
        settleMs: String(cli.invariants.settleMs),
        outboxMaxAgeS: String(cli.invariants.outboxMaxAgeMs / 1000),
      },
    );
    return print(cli, `the running platform (pid ${target.owner.pid}, ${target.url})`, report);
  }
  // nobody runs on the embedded folder: open it here, which takes its lock for as long as the check
  const embedded = target.kind === 'stopped' ? await acquireEmbeddedPostgres(env) : undefined;
  try {
    const urls = contextUrls(env).urls;
    for (const context of CONTEXTS) urls[context] ??= embedded;
    const connected = await connectSources(urls as Record<ContextName, string>).catch((error: unknown) => {
      const where = [...new Set(Object.values(urls))].map((url) => redactUrl(url as string)).join(', ');
      console.error(`cannot connect to ${where}: ${(error as Error).message}`);
      return undefined;
    });
    if (!connected) return CANNOT_CHECK;
    try {
      const results = await checkInvariants(connected.sources, cli.invariants);
      const where = embedded ? 'the embedded database' : `${connected.databases} database(s)`;
      return print(cli, where, { databases: connected.databases, options: cli.invariants, results });
    } finally {
      await connected.close();
    }
  } finally {
    if (embedded) await releaseEmbeddedPostgres();
  }
}

function print(cli: CliOptions, where: string, report: InvariantsReport): number {
  const results: readonly InvariantResult[] = report.results;
  if (cli.json) console.log(JSON.stringify({ options: report.options, results }, null, 2));
  else {
    const { settleMs, outboxMaxAgeMs } = report.options;
    console.log(`${where}; settle ${settleMs} ms, outbox max age ${outboxMaxAgeMs} ms\n`);
    console.log(formatResults(results));
  }
  if (results.some((r) => r.error)) return CANNOT_CHECK;
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // a refusal or an unreachable platform is said in one line; anything else with its stack
    const known = error instanceof ApiError || error instanceof UnreachableApi || error instanceof DataDirLockedError;
    console.error(known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = CANNOT_CHECK;
  },
);
