import type { Environment } from '@platform/config';
import { Command } from 'commander';
import { exitCodeOf } from '../exit-codes';
import { runCompare } from './run-compare';

const AFTER_HELP = `
Pairs the shadow's outputs (its outbox events and effect rows, made since the copy) with the live
context's by the input event that caused them and by type, for the inputs both have processed.
Payloads are decoded with the event catalogue; envelope ids and timestamps, and ids each side
generates, are not compared. With KAFKA_BROKERS set it also reads the shadow group's Kafka lag.

Exit codes: 0 nothing mismatched, missing or extra; 1 something is; 2 wrong usage or cannot run
(no shadow run recorded in the shadow database). See docs/adr/0021-shadow-run.md.`;

/** `migrate compare`: what a shadow produced against what the live context produced */
export function compareCommand(env: Environment): Command {
  return new Command('compare')
    .description(
      'diffs, per key and per event type, what a shadow produced against what the live context produced for the ' +
        'same inputs: matched, mismatched (first differing field), missing, extra, and the lag',
    )
    .argument('<context>', 'the shadowed context')
    .requiredOption('--live-database <url>', 'the live context database (postgres://...)')
    .requiredOption('--shadow-database <url>', "the shadow's database (postgres://...)")
    .option('--json', 'print the result as JSON')
    .addHelpText('after', AFTER_HELP)
    .action(async (context: string, flags: { liveDatabase: string; shadowDatabase: string; json?: boolean }) => {
      try {
        process.exitCode = await runCompare(context, flags, (text) => process.stdout.write(`${text}\n`), env);
      } catch (error) {
        process.stderr.write(`migrate compare: ${(error as Error).message}\n`);
        process.exitCode = exitCodeOf(error);
      }
    });
}
