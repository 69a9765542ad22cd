import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { openContextDataSource } from '../../../libs/database/src/context-data-source';
import { migrationNames, migrationsOf, MOVABLE_CONTEXTS } from './context-schemas';
import { copyTable } from './copy-table';
import { databaseUrlVariable, maskUrl, sameDatabase } from './mask-url';
import { copyOrder, formatPlan, migrationMismatch, planMove, shapeMismatch, type MovePlan } from './move-plan';
import {
  appliedMigrations,
  checksumOf,
  foreignKeysOf,
  restampPendingOutbox,
  rowCount,
  schemaExists,
  sequencesOf,
  setSequence,
  tablesOf,
  type TableColumns,
} from './schema-catalog';
import { contextSessions, describeSessions } from './session-guard';
import { qualifiedName, SESSION_SETTINGS } from './table-sql';
import { formatVerification, nextSteps, seconds, type TableVerification } from './move-report';
import { EXIT } from '../exit-codes';

/** exit codes a script can trust */
export { EXIT };

export interface MoveDataOptions {
  readonly from: string;
  readonly to: string;
  readonly dryRun?: boolean;
  readonly force?: boolean;
}

/** where the command writes: the report on `out`, progress and refusals on `err` */
export interface MoveDataOutput {
  out(text: string): void;
  err(text: string): void;
}

/** for tests: runs inside the target's transaction after the copy, before it is verified */
export interface MoveDataHooks {
  readonly afterCopy?: (target: Client) => Promise<void>;
}

class Refused extends Error {}

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
    return await new Move(context, options, output, hooks, source, target).run();
  } catch (error) {
    if (error instanceof Refused) {
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

async function connect(client: Client, side: string, url: string): Promise<void> {
  try {
    await client.connect();
    for (const setting of SESSION_SETTINGS) await client.query(setting);
  } catch (error) {
    throw new Error(`cannot connect to the ${side} ${maskUrl(url)}: ${(error as Error).message}`);
  }
}

class Move {
  private readonly started = performance.now();

  constructor(
    private readonly context: string,
    private readonly options: MoveDataOptions,
    private readonly output: MoveDataOutput,
    private readonly hooks: MoveDataHooks,
    private readonly source: Client,
    private readonly target: Client,
  ) {}

  async run(): Promise<number> {
    const { context, output } = this;
    output.out(`move-data ${context}: ${maskUrl(this.options.from)} -> ${maskUrl(this.options.to)}`);
    const refusals = await this.runningContext();
    // from here the context is known to be stopped: the pause it needs is counted from now
    const pauseStarted = performance.now();
    await this.source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (!(await schemaExists(this.source, context))) throw new Refused(`the source has no schema ${context}`);
    refusals.push(
      ...migrationMismatch(migrationNames(migrationsOf(context)), await appliedMigrations(this.source, context)),
    );
    const sourceTables = await tablesOf(this.source, context);
    const plan = planMove({
      context,
      sourceTables: await counted(this.source, sourceTables),
      target: await this.targetState(),
      force: this.options.force === true,
      refusals,
    });
    output.out(formatPlan(plan));
    if (this.options.dryRun) return this.dryRun(plan);
    if (plan.refusals.length > 0) throw new Refused(plan.refusals.join('\n'));

    await this.migrateTarget();
    const targetTables = await tablesOf(this.target, context);
    const differences = shapeMismatch(sourceTables, targetTables);
    if (differences.length > 0) throw new Refused(`the schemas differ after migrating:\n${differences.join('\n')}`);
    const rowsOf = new Map(plan.tables.map((t) => [t.table, t.rows]));
    const order = copyOrder(
      sourceTables.map((t) => t.table),
      await foreignKeysOf(this.source, context),
    );
    const byName = new Map(targetTables.map((t) => [t.table, t]));
    const ordered = order.map((name) => byName.get(name) as TableColumns);

    await this.target.query('BEGIN');
    try {
      if (plan.emptiesTarget) await this.target.query(`TRUNCATE ${ordered.map(qualifiedName).join(', ')}`);
      output.out('copying:');
      for (const table of ordered) {
        const tableStarted = performance.now();
        const rows = await copyTable(this.source, this.target, table, rowsOf.get(table.table) ?? 0, output.err);
        output.out(`  ${table.table}: ${rows} rows in ${seconds(performance.now() - tableStarted)}`);
      }
      await this.hooks.afterCopy?.(this.target);
      const verified = await this.verify(ordered);
      output.out(formatVerification(verified));
      if (!verified.every((v) => v.matches))
        throw new Refused('the copy does not match the source; nothing was committed');
      const late = await contextSessions(this.source, context);
      if (late.length > 0) throw new Refused(`${describeSessions(context, 'source', late)}; nothing was committed`);
      if (byName.has('outbox')) {
        const restamped = await restampPendingOutbox(this.target, context);
        output.out(
          `${restamped} pending outbox row(s) re-stamped with a transaction id of the target (ids are per server)`,
        );
      }
      for (const sequence of await sequencesOf(this.source, context)) await setSequence(this.target, context, sequence);
      await this.target.query('COMMIT');
    } catch (error) {
      await this.target.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await this.source.query('COMMIT');
    const pauseMs = performance.now() - pauseStarted;
    output.out(nextSteps({ context, to: this.options.to, pauseMs, totalMs: performance.now() - this.started, plan }));
    output.out(`${databaseUrlVariable(context)}=${maskUrl(this.options.to)}`);
    return EXIT.done;
  }

  private async runningContext(): Promise<string[]> {
    const refusals: string[] = [];
    const onSource = await contextSessions(this.source, this.context);
    if (onSource.length > 0) refusals.push(describeSessions(this.context, 'source', onSource));
    const onTarget = await contextSessions(this.target, this.context);
    if (onTarget.length > 0) refusals.push(describeSessions(this.context, 'target', onTarget));
    return refusals;
  }

  private async targetState() {
    const exists = await schemaExists(this.target, this.context);
    const rows = new Map<string, number>();
    if (exists)
      for (const table of await tablesOf(this.target, this.context))
        rows.set(table.table, await rowCount(this.target, table));
    return { schemaExists: exists, rows };
  }

  private dryRun(plan: MovePlan): number {
    if (plan.refusals.length > 0) {
      this.output.out(`dry run: a real run would refuse:\n${plan.refusals.map((r) => `  - ${r}`).join('\n')}`);
      return EXIT.refused;
    }
    this.output.out('dry run: nothing was changed; a real run would copy the tables above and verify them');
    return EXIT.done;
  }

  /** creates (or brings up to date) the target schema with the context's own migrations, as its process would */
  private async migrateTarget(): Promise<void> {
    const dataSource = await openContextDataSource(
      { url: this.options.to, embedded: false, release: async () => undefined },
      { context: this.context, migrations: migrationsOf(this.context), poolSize: 1 },
    );
    await dataSource.destroy();
  }

  private async verify(tables: readonly TableColumns[]): Promise<TableVerification[]> {
    const verified: TableVerification[] = [];
    for (const table of tables) {
      const source = await checksumOf(this.source, table);
      const target = await checksumOf(this.target, table);
      verified.push({
        table: table.table,
        sourceRows: source.rows,
        targetRows: target.rows,
        checksum: source.checksum,
        matches: source.rows === target.rows && source.checksum === target.checksum,
      });
    }
    return verified;
  }
}

async function counted(client: Client, tables: readonly TableColumns[]) {
  const result: Array<{ table: string; rows: number }> = [];
  for (const table of tables) result.push({ table: table.table, rows: await rowCount(client, table) });
  return result;
}
