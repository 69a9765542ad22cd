/**
 * `npm run migrate -- <command>`: the strangler-fig path's steps as commands (docs/deploy.md).
 * Exit status: 0 done; 1 refused, or a verification failed; 2 wrong usage or cannot run.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { moveDataCommand } from './move-data/move-data.command';

// the platform's own .env, as its main.ts reads it; the real environment wins
if (existsSync('.env')) process.loadEnvFile('.env');

const program = new Command('migrate')
  .description("move an order platform deployment along docs/deploy.md's stages, one step at a time")
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .addCommand(moveDataCommand());

// each command sets process.exitCode; nothing here may exit before it has finished
void program.parseAsync(process.argv);
