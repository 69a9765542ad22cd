/**
 * `npm run migrate -- <command>`: the platform's migration commands (docs/deploy.md), one folder
 * per command. Exit codes: 0 done, 1 refused or a verification failed, 2 wrong usage or cannot
 * run (scripts/migrate/exit-codes.ts).
 */
import { existsSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { Command, CommanderError } from 'commander';
import type { Environment } from '@platform/config';
import { environmentAtStart } from '@platform/host';
import { MONOLITH_SETTINGS } from '../../apps/monolith/src/monolith.settings';
import { EXIT } from './exit-codes';
import { handoverCommand } from './handover/handover.command';
import { moveDataCommand } from './move-data/move-data.command';
import { compareCommand } from './compare/compare.command';
import { shadowCommand } from './shadow/shadow.command';
import { cutOverCommand } from './cut-over/cut-over.command';

export function migrateProgram(env: Environment): Command {
  const program = new Command('migrate')
    .description('moves a running deployment of the order platform from one stage to the next (docs/deploy.md)')
    .showHelpAfterError('(add --help for usage)');
  program.addCommand(handoverCommand(env));
  program.addCommand(moveDataCommand());
  program.addCommand(shadowCommand(env));
  program.addCommand(compareCommand(env));
  program.addCommand(cutOverCommand(env));
  return program;
}

/** where commander writes help and usage errors (tests capture it) */
export interface CliOutput {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

/** every command exits through us: usage errors become 2, help and version 0 */
function exitOverrideEverywhere(command: Command, output?: CliOutput): void {
  command.exitOverride();
  if (output) command.configureOutput(output);
  for (const sub of command.commands) exitOverrideEverywhere(sub, output);
}

/** parses and runs one command line; resolves with the exit code */
export async function runMigrate(argv: readonly string[], env: Environment, output?: CliOutput): Promise<number> {
  const program = migrateProgram(env);
  exitOverrideEverywhere(program, output);
  // a command's action reports its code as process.exitCode; read it here, leave the process's own as it was
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.done;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.done : EXIT.cannotRun;
    throw error;
  } finally {
    process.exitCode = before;
  }
}

if (require.main === module) {
  // the platform's own .env, as its main.ts reads it; the real environment wins
  if (existsSync('.env')) process.loadEnvFile('.env');
  // the libraries' info lines (a producer connected) are not the command's output: warnings and errors only
  Logger.overrideLogger(['warn', 'error']);
  // exit explicitly: a Kafka client left connecting by a refused command must not keep the process alive
  // the composition root of this CLI: the environment, read once and checked, goes to every command
  Promise.resolve()
    .then(() => runMigrate(process.argv.slice(2), environmentAtStart(process.env, MONOLITH_SETTINGS).env))
    .then(
      (code) => process.exit(code),
      (error: unknown) => {
        process.stderr.write(`migrate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exit(EXIT.cannotRun);
      },
    );
}
