import type { Environment } from '@platform/config';
import { Command } from 'commander';
import { exitCodeOf } from '../exit-codes';
import { runShadow } from './run-shadow';

const AFTER_HELP = `
The live context keeps running: the live group's committed offsets are read first, then the schema
is copied in one snapshot, so whatever the live context processed in between is in the copy's inbox
and the shadow skips it. Kafka only: reads KAFKA_* (and .env) like the platform.

Shadowable: loyalty, payments, notifications. Not: orders (its input is HTTP), inventory (admin HTTP
writes), shipping (its carrier clock emits events no input caused), analytics (produces nothing).

Exit codes: 0 done (or the plan printed), 1 refused (a context that cannot be shadowed, a shadow
database that already holds the schema with rows, without --force; a shadow consumer still
running), 2 wrong usage or cannot run. See docs/deploy.md and docs/adr/0021-shadow-run.md.`;

/** `migrate shadow`: a copy of a running context's data and offsets for a shadow deployment */
export function shadowCommand(env: Environment): Command {
  return new Command('shadow')
    .description(
      "copies a running context's schema to a shadow database in one snapshot, takes over the live group's " +
        'offsets for <group>.shadow, and prints how to start the shadow (SHADOW=true)',
    )
    .argument('<context>', 'the context to shadow: loyalty, payments, notifications')
    .requiredOption('--live-database <url>', 'the database the live context uses (postgres://...)')
    .requiredOption('--shadow-database <url>', "the shadow's database (postgres://...; its schema is created)")
    .option('--dry-run', 'print the plan (offsets, tables, row counts, shadow database state) and change nothing')
    .option('--force', 'replace an earlier shadow copy in the shadow database')
    .option(
      '--group-suffix <suffix>',
      'the shadow group is <group><suffix> (default .shadow); another suffix runs a second shadow beside the first',
    )
    .addHelpText('after', AFTER_HELP)
    .action(
      async (
        context: string,
        flags: {
          liveDatabase: string;
          shadowDatabase: string;
          dryRun?: boolean;
          force?: boolean;
          groupSuffix?: string;
        },
      ) => {
        const err = (line: string) => process.stderr.write(`${line}\n`);
        try {
          process.exitCode = await runShadow(
            context,
            flags,
            { out: (line) => process.stdout.write(`${line}\n`), err },
            env,
          );
        } catch (error) {
          err(`migrate shadow: ${(error as Error).message}`);
          process.exitCode = exitCodeOf(error);
        }
      },
    );
}
