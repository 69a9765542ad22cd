import type { Environment } from '@platform/config';
import { dataDirOwner, embeddedDataDir, usesEmbeddedDatabase, type DataDirOwner } from '@platform/database';

/**
 * Where an operations CLI (analytics:rebuild, check:invariants, dead-letters) does its work on a
 * set-up that uses the embedded database, whose folder only one process may open (ADR 0018):
 *
 * - `running`: a platform owns the folder and serves HTTP: go through its admin API;
 * - `busy`: some other process owns it (another CLI, or a platform still starting): wait;
 * - `stopped`: nobody owns it: the CLI may open it itself, which takes the lock;
 * - `server`: the contexts use a PostgreSQL server (DATABASE_URL): the CLI works as it always did.
 */
export type OperationsTarget =
  | { readonly kind: 'running'; readonly url: string; readonly owner: DataDirOwner }
  | { readonly kind: 'busy'; readonly owner: DataDirOwner }
  | { readonly kind: 'stopped'; readonly dataDir: string }
  | { readonly kind: 'server' };

export async function operationsTarget(contexts: readonly string[], env: Environment): Promise<OperationsTarget> {
  if (!contexts.some((context) => usesEmbeddedDatabase(context, env))) return { kind: 'server' };
  const dataDir = embeddedDataDir(env);
  const owner = await dataDirOwner(dataDir);
  if (!owner) return { kind: 'stopped', dataDir };
  return owner.http ? { kind: 'running', url: owner.http, owner } : { kind: 'busy', owner };
}

/** the one line a CLI prints when another process holds the folder and serves nothing */
export function busyMessage(owner: DataDirOwner): string {
  return (
    `the embedded database ${owner.dataDir} is held by process ${owner.pid} (${owner.command}, since ` +
    `${owner.since}), which serves no admin API: wait until it finishes, then run this again`
  );
}
