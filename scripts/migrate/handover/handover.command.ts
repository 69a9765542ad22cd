import type { Environment } from '@platform/config';
import { Command } from 'commander';
import { exitCodeOf } from '../exit-codes';
import { runHandover } from './run-handover';
import { undoHandover } from './undo-handover';

const AFTER_HELP = `
Run it while the platform is stopped: after a SIGTERM of the single binary, before starting it
with TRANSPORT=kafka. It reads the platform's own settings: DATABASE_URL (or MESSAGING_DATABASE_URL)
for the in-process log, KAFKA_* and SCHEMA_REGISTRY_URL for the cluster (.env is read too).

Exit codes: 0 done (or the plan printed), 1 refused (the platform still has the log open, a Kafka
consumer of a group runs, the log was handed over already), 2 wrong usage or cannot run.
See docs/deploy.md and docs/adr/0019-handover-to-kafka.md.`;

/** `migrate handover`: what the in-process log still owes its consumer groups, produced to Kafka */
export function handoverCommand(env: Environment): Command {
  return new Command('handover')
    .description(
      'hands the in-process log over to Kafka: re-produces every record a consumer group has not processed yet, ' +
        'starts the Kafka groups at them, and marks the log handed over',
    )
    .option(
      '--dry-run',
      'print the plan (records per topic and partition, from which offsets, for which groups); change nothing',
    )
    .option('--force', 'hand over again a log that was handed over already (the inboxes absorb what is produced twice)')
    .option('--undo', 'remove the hand-over mark, so the in-process transport may start on this log again')
    .addHelpText('after', AFTER_HELP)
    .action(async (options: { dryRun?: boolean; force?: boolean; undo?: boolean }) => {
      const out = (line: string) => process.stdout.write(`${line}\n`);
      const err = (line: string) => process.stderr.write(`${line}\n`);
      try {
        const io = { out, err, env };
        const flags = { dryRun: options.dryRun === true, force: options.force === true };
        process.exitCode = options.undo ? await undoHandover(flags, io) : await runHandover(flags, io);
      } catch (error) {
        err(`migrate handover: ${(error as Error).message}`);
        process.exitCode = exitCodeOf(error);
      }
    });
}
