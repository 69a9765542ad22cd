/**
 * `npm run dead-letters -- list|show|redrive|discard ...`: operates dead letters through the
 * admin REST API of a running deployable (docs/reliability.md, "Operating dead letters").
 */
import { environmentAtStart, loadDotEnv } from '@platform/host';
import { MONOLITH_SETTINGS } from '../../apps/monolith/src/monolith.settings';
import { runDeadLettersCli } from './dead-letters-cli';

// the platform's own .env (ADMIN_TOKEN, PORT), as its main.ts reads it; the real environment wins
loadDotEnv();

runDeadLettersCli(process.argv.slice(2), {
  env: environmentAtStart(process.env, MONOLITH_SETTINGS).env,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
