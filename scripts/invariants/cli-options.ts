import { parseArgs } from 'node:util';
import { intSetting } from '../../libs/config/src/env-settings';
import type { InvariantOptions } from './invariant';

export const USAGE = `usage: npm run check:invariants -- [--settle-ms N] [--outbox-max-age-s N] [--json]

Checks the order flow's invariants against the databases of a deployment, found as the platform
finds them: <CONTEXT>_DATABASE_URL, else DATABASE_URL (the embedded PGlite cannot be opened from a
second process: stop the app and point DATABASE_URL at a server, or check from a test).

  --settle-ms N         PENDING orders younger than this are in progress, and side effects may lag
                        changes this recent (default: ORDERS_SAGA_TIMEOUT_MS + 5000, i.e. 35000)
  --outbox-max-age-s N  an unpublished outbox row older than this is stuck (default 30)
  --json                print the results as JSON instead of a table

Exit status: 0 every invariant holds, 1 some invariant is violated, 2 could not check.`;

export interface CliOptions {
  readonly invariants: InvariantOptions;
  readonly json: boolean;
  readonly help: boolean;
}

/** Command-line flags over the platform's own settings (LOYALTY_POINTS_PER_UNIT, ORDERS_SAGA_TIMEOUT_MS). */
export function readCliOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      'settle-ms': { type: 'string' },
      'outbox-max-age-s': { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const sagaTimeoutMs = intSetting('ORDERS_SAGA_TIMEOUT_MS', 30_000, { env });
  return {
    invariants: {
      settleMs: wholeNumber('--settle-ms', values['settle-ms'], sagaTimeoutMs + 5_000),
      outboxMaxAgeMs: wholeNumber('--outbox-max-age-s', values['outbox-max-age-s'], 30) * 1000,
      pointsPerUnit: intSetting('LOYALTY_POINTS_PER_UNIT', 1, { env }),
    },
    json: values.json === true,
    help: values.help === true,
  };
}

function wholeNumber(flag: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} must be a whole number >= 0, got "${raw}"`);
  return value;
}
