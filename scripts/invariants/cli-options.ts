import { parseArgs } from 'node:util';
import { LOYALTY_SETTING_GROUP } from '@contexts/loyalty';
import { ORDERS_SETTING_GROUP } from '@contexts/orders';
import type { Environment } from '@platform/config';
import type { InvariantOptions } from './invariant';

export const USAGE = `usage: npm run check:invariants -- [--settle-ms N] [--outbox-max-age-s N] [--json]

Checks the order flow's invariants against the databases of a deployment, found as the platform
finds them: <CONTEXT>_DATABASE_URL, else DATABASE_URL, else the embedded PGlite. Only one process
may open the embedded database: while the platform runs, the check goes through its admin API
(GET /admin/invariants); while it is stopped, the CLI opens the folder itself, under its lock.

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
export function readCliOptions(argv: readonly string[], env: Environment): CliOptions {
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
  return {
    invariants: invariantOptions(
      {
        settleMs: wholeNumber('--settle-ms', values['settle-ms']),
        outboxMaxAgeS: wholeNumber('--outbox-max-age-s', values['outbox-max-age-s']),
      },
      env,
    ),
    json: values.json === true,
    help: values.help === true,
  };
}

/**
 * The checker's options from what was asked, over the deployment's own settings: the CLI's flags
 * and the platform's `GET /admin/invariants` alike.
 */
export function invariantOptions(
  asked: { readonly settleMs?: number; readonly outboxMaxAgeS?: number },
  env: Environment,
): InvariantOptions {
  return {
    settleMs: asked.settleMs ?? ORDERS_SETTING_GROUP.read(env).ORDERS_SAGA_TIMEOUT_MS + 5_000,
    outboxMaxAgeMs: (asked.outboxMaxAgeS ?? 30) * 1000,
    pointsPerUnit: LOYALTY_SETTING_GROUP.read(env).LOYALTY_POINTS_PER_UNIT,
  };
}

function wholeNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} must be a whole number >= 0, got "${raw}"`);
  return value;
}
