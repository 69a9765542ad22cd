import type { Environment } from '@platform/config';
import { Command } from 'commander';
import { EXIT, exitCodeOf } from '../exit-codes';
import { runCutOver } from './run-cut-over';

const AFTER_HELP = `
The operator's procedure (docs/deploy.md#cut-over): stop the live context; let the shadow catch up
until \`migrate compare\` shows no lag; stop the shadow; cut over; start the context without SHADOW
on the shadow's database. Refuses while the context runs on either database or a consumer of either
group runs, when the shadow is behind the live group on any partition, while the live outbox holds
unpublished rows, and (unless --force) while the comparison shows mismatched, missing or extra
outputs or the shadow recorded gateway calls for inputs the live never processed. Kafka only: reads KAFKA_* (and .env) like the platform.

Exit codes: 0 done (or the plan printed), 1 refused, 2 wrong usage or cannot run.
See docs/adr/0023-cut-over.md.`;

/** `migrate cut-over`: the validated shadow becomes the live deployment */
export function cutOverCommand(env: Environment): Command {
  return new Command('cut-over')
    .description(
      'promotes a stopped shadow: suppresses what the live context already published, releases what only the ' +
        "shadow processed, commits the shadow's offsets into the live group, and prints the processing pause",
    )
    .argument('<context>', 'the shadowed context: loyalty, payments, notifications')
    .requiredOption('--live-database <url>', 'the database the live context used (postgres://...)')
    .requiredOption('--shadow-database <url>', "the shadow's database, the context's database from now on")
    .option('--dry-run', 'print the plan (offsets, comparison, rows to suppress and release) and change nothing')
    .option(
      '--force',
      'cut over although the comparison shows mismatched, missing or extra outputs, or gateway calls nobody made',
    )
    .option(
      '--back',
      'undo a cut-over whose new deployment has not processed or published anything yet: L back into the live group',
    )
    .addHelpText('after', AFTER_HELP)
    .action(
      async (
        context: string,
        flags: { liveDatabase: string; shadowDatabase: string; dryRun?: boolean; force?: boolean; back?: boolean },
      ) => {
        const err = (line: string) => process.stderr.write(`${line}\n`);
        try {
          process.exitCode = await runCutOver(
            context,
            flags,
            { out: (line) => process.stdout.write(`${line}\n`), err },
            env,
          );
        } catch (error) {
          const code = exitCodeOf(error);
          err(`migrate cut-over: ${code === EXIT.refused ? 'refused: ' : ''}${(error as Error).message}`);
          process.exitCode = code;
        }
      },
    );
}
