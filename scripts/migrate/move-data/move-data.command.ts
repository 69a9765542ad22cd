import { Command, type CommanderError } from 'commander';
import { EXIT, moveData } from './move-data';

/**
 * `migrate move-data <context> --from <url> --to <url> [--dry-run] [--force]`: copies one
 * context's schema to another PostgreSQL database, verifies it, and prints the setting that points
 * the context at it (docs/deploy.md, docs/adr/0020-moving-a-contexts-data.md).
 * Exit status: 0 moved (or, with --dry-run, would move), 1 refused or the copy did not verify,
 * 2 wrong usage or cannot run.
 */
export function moveDataCommand(): Command {
  return new Command('move-data')
    .description(
      "copy a stopped context's schema (business tables, saga, outbox, inbox, dead letters) to another " +
        'PostgreSQL database in one consistent snapshot, verify it table by table, and print the ' +
        '<CONTEXT>_DATABASE_URL that points the context at it',
    )
    .argument(
      '<context>',
      'the context to move: orders, inventory, payments, shipping, notifications, loyalty, analytics',
    )
    .requiredOption('--from <url>', 'the database the context uses now (postgres://...)')
    .requiredOption(
      '--to <url>',
      'the database to move it to (postgres://...; its schema is created by the migrations)',
    )
    .option('--dry-run', 'print the plan (tables, row counts, target state) and change nothing')
    .option('--force', 'empty the target schema first when it already holds rows (e.g. the old copy, moving back)')
    .addHelpText(
      'after',
      `
The context must be stopped while it moves: the command refuses while sessions named
order-platform:<context> are open on either database. Progress of big tables goes to stderr.

Exit status: 0 moved (or a dry run that would move), 1 refused or the copy did not verify
(nothing is committed on the target), 2 wrong usage or cannot run.`,
    )
    .exitOverride(exitCodeForUsage)
    .action(async (context: string, flags: { from: string; to: string; dryRun?: boolean; force?: boolean }) => {
      process.exitCode = await moveData(context, flags, {
        out: (text) => process.stdout.write(`${text}\n`),
        err: (text) => process.stderr.write(`${text}\n`),
      });
    });
}

/** commander exits 1 on a usage error; for this command 1 means "refused", so usage is 2 */
function exitCodeForUsage(error: CommanderError): never {
  const helpOrVersion = error.exitCode === 0;
  process.exit(helpOrVersion ? EXIT.done : EXIT.cannotRun);
}
