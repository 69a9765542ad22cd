/**
 * `npm run check:invariants`: the order flow's invariants against a deployment's databases,
 * as a table. Exit status 0 when every invariant holds, 1 on any violation, 2 when it could not
 * check (no database URL, a database unreachable, a table missing). See docs/invariants.md.
 */
import { existsSync } from 'node:fs';
import { checkInvariants } from './check-invariants';
import { readCliOptions, USAGE, type CliOptions } from './cli-options';
import type { ContextName } from './invariant';
import { formatResults } from './report';
import { connectSources, contextUrls, redactUrl } from './sources';

const CANNOT_CHECK = 2;

async function main(): Promise<number> {
  // the platform's own .env, as its main.ts reads it; the real environment wins
  if (existsSync('.env')) process.loadEnvFile('.env');
  let cli: CliOptions;
  try {
    cli = readCliOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return CANNOT_CHECK;
  }
  if (cli.help) {
    console.log(USAGE);
    return 0;
  }
  const { urls, missing } = contextUrls();
  if (missing.length > 0) {
    console.error(
      `no database URL for ${missing.join(', ')}: set DATABASE_URL (or <CONTEXT>_DATABASE_URL). Without one the ` +
        'platform uses its embedded PGlite, which only the process that owns the data folder can open.',
    );
    return CANNOT_CHECK;
  }
  const connected = await connectSources(urls as Record<ContextName, string>).catch((error: unknown) => {
    const where = [...new Set(Object.values(urls))].map(redactUrl).join(', ');
    console.error(`cannot connect to ${where}: ${(error as Error).message}`);
    return undefined;
  });
  if (!connected) return CANNOT_CHECK;
  try {
    const results = await checkInvariants(connected.sources, cli.invariants);
    if (cli.json) console.log(JSON.stringify({ options: cli.invariants, results }, null, 2));
    else {
      const { settleMs, outboxMaxAgeMs } = cli.invariants;
      console.log(`${connected.databases} database(s); settle ${settleMs} ms, outbox max age ${outboxMaxAgeMs} ms\n`);
      console.log(formatResults(results));
    }
    if (results.some((r) => r.error)) return CANNOT_CHECK;
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await connected.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = CANNOT_CHECK;
  },
);
