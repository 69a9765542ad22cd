import type { Environment } from '@platform/config';
import { resolveDatabaseTarget, type DatabaseTarget } from '@platform/database';
import { checkInvariants, CONTEXTS, type ContextName } from '../../../../scripts/invariants/check-invariants';
import type { InvariantOptions, InvariantResult } from '../../../../scripts/invariants/invariant';
import { connectSources } from '../../../../scripts/invariants/sources';

export interface InvariantsReport {
  /** distinct databases read (1 for the monolith on one database) */
  readonly databases: number;
  readonly options: InvariantOptions;
  readonly results: InvariantResult[];
}

/**
 * The order flow's invariants (docs/invariants.md) over this process's databases, as the CLI
 * checks them: one read-only REPEATABLE READ snapshot per database, on connections of its own.
 * On the embedded PGlite, which runs one transaction at a time, the platform's own transactions
 * wait while the snapshot is open, which is as long as the checks take.
 */
export async function checkPlatformInvariants(options: InvariantOptions, env: Environment): Promise<InvariantsReport> {
  const targets: DatabaseTarget[] = [];
  try {
    const urls = {} as Record<ContextName, string>;
    for (const context of CONTEXTS) {
      const target = await resolveDatabaseTarget(context, env);
      targets.push(target);
      urls[context] = target.url;
    }
    const connected = await connectSources(urls);
    try {
      return { databases: connected.databases, options, results: await checkInvariants(connected.sources, options) };
    } finally {
      await connected.close();
    }
  } finally {
    for (const target of targets) await target.release();
  }
}
