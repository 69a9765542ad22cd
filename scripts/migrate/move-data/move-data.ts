import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { MOVABLE_CONTEXTS } from './context-schemas';
import { databaseUrlVariable, maskUrl, sameDatabase } from './mask-url';
import type { MovePlan } from './move-plan';
import { nextSteps } from './move-report';
import { SchemaCopy, type CopyOutput, type SchemaCopyHooks } from './schema-copy';
import { SESSION_SETTINGS } from './table-sql';
import { EXIT, Refusal } from '../exit-codes';

/** exit codes a script can trust */
export { EXIT };

export interface MoveDataOptions {
  readonly from: string;
  readonly to: string;
  readonly dryRun?: boolean;
  readonly force?: boolean;
}

/** where the command writes: the report on `out`, progress and refusals on `err` */
export type MoveDataOutput = CopyOutput;

/** for tests: `afterCopy` runs inside the target's transaction after the copy, before it is verified */
export type MoveDataHooks = Pick<SchemaCopyHooks, 'afterCopy'>;

/**
 * Moves a context's schema from one PostgreSQL database to another (docs/adr/0020): the target
 * schema is created by the context's own migrations; every table is read in ONE repeatable-read,
 * read-only snapshot of the source and streamed with COPY into ONE target transaction, which is
 * verified (row count and checksum per table) before it commits, so a failed or wrong copy
 * leaves nothing behind. The context must be stopped meanwhile; the move refuses while it runs.
 */
export async function moveData(
  context: string,
  options: MoveDataOptions,
  output: MoveDataOutput,
  hooks: MoveDataHooks = {},
): Promise<number> {
  const usage = usageProblem(context, options);
  if (usage) {
    output.err(usage);
    return EXIT.cannotRun;
  }
  const source = new Client({ connectionString: options.from, application_name: 'order-platform:migrate' });
  const target = new Client({ connectionString: options.to, application_name: 'order-platform:migrate' });
  try {
    await connect(source, 'source', options.from);
    await connect(target, 'target', options.to);
    return await move(context, options, output, hooks, source, target);
  } catch (error) {
    if (error instanceof Refusal) {
      output.err(`move-data: refused: ${error.message}`);
      return EXIT.refused;
    }
    output.err(`move-data: cannot run: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.cannotRun;
  } finally {
    await source.end().catch(() => undefined); // ending a session ends its transaction
    await target.end().catch(() => undefined);
  }
}

function usageProblem(context: string, options: MoveDataOptions): string | undefined {
  if (context === 'messaging')
    return (
      "move-data: messaging is the in-process transport's shared log, not a context: it stays where " +
      'MESSAGING_DATABASE_URL (else DATABASE_URL) points, and every context on the in-process transport reaches it there'
    );
  if (!MOVABLE_CONTEXTS.includes(context))
    return `move-data: unknown context "${context}"; one of: ${MOVABLE_CONTEXTS.join(', ')}`;
  for (const [flag, url] of [
    ['--from', options.from],
    ['--to', options.to],
  ] as const) {
    if (!/^postgres(ql)?:\/\//.test(url ?? '') || !URL.canParse(url))
      return `move-data: ${flag} must be a postgres:// URL`;
  }
  if (sameDatabase(options.from, options.to)) return 'move-data: --from and --to name the same database';
  return undefined;
}

export async function connect(client: Client, side: string, url: string): Promise<void> {
  try {
    await client.connect();
    for (const setting of SESSION_SETTINGS) await client.query(setting);
  } catch (error) {
    throw new Error(`cannot connect to the ${side} ${maskUrl(url)}: ${(error as Error).message}`);
  }
}

/** the move-data command's part: the copy (shared with `shadow`), then the pause and the setting to use */
async function move(
  context: string,
  options: MoveDataOptions,
  output: MoveDataOutput,
  hooks: MoveDataHooks,
  source: Client,
  target: Client,
): Promise<number> {
  const started = performance.now();
  output.out(`move-data ${context}: ${maskUrl(options.from)} -> ${maskUrl(options.to)}`);
  const copy = new SchemaCopy(
    { context, to: options.to, dryRun: options.dryRun, force: options.force, contextStopped: true },
    output,
    hooks,
    source,
    target,
  );
  const outcome = await copy.run();
  if (outcome.kind === 'dry-run') return dryRun(outcome.plan, output);
  const { plan, pauseMs } = outcome;
  output.out(nextSteps({ context, to: options.to, pauseMs, totalMs: performance.now() - started, plan }));
  output.out(`${databaseUrlVariable(context)}=${maskUrl(options.to)}`);
  return EXIT.done;
}

function dryRun(plan: MovePlan, output: MoveDataOutput): number {
  if (plan.refusals.length > 0) {
    output.out(`dry run: a real run would refuse:\n${plan.refusals.map((r) => `  - ${r}`).join('\n')}`);
    return EXIT.refused;
  }
  output.out('dry run: nothing was changed; a real run would copy the tables above and verify them');
  return EXIT.done;
}
