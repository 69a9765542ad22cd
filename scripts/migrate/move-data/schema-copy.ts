import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { openContextDataSource } from '../../../libs/database/src/context-data-source';
import { Refusal } from '../exit-codes';
import { migrationNames, migrationsOf } from './context-schemas';
import { copyTable } from './copy-table';
import { copyOrder, formatPlan, migrationMismatch, planMove, shapeMismatch, type MovePlan } from './move-plan';
import { formatVerification, seconds, type TableVerification } from './move-report';
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
import { qualifiedName } from './table-sql';

/** where a copy writes: the report on `out`, progress on `err` */
export interface CopyOutput {
  out(text: string): void;
  err(text: string): void;
}

export interface SchemaCopyOptions {
  readonly context: string;
  /** the target's URL: its schema is created by the context's migrations through it */
  readonly to: string;
  readonly dryRun?: boolean;
  readonly force?: boolean;
  /**
   * move-data: the context must be stopped (its sessions are refused on both sides, and on the
   * source again before commit) and pending outbox rows are re-stamped for the target's relay.
   * A shadow copy (ADR 0021) leaves the live context running and checks the target side only.
   */
  readonly contextStopped: boolean;
  /** tables only the target has, made by the caller (the shadow's `shadow_run`): not compared, emptied by --force */
  readonly targetOnlyTables?: readonly string[];
}

export interface SchemaCopyHooks {
  /** right after the source's snapshot is taken, in its transaction */
  readonly afterSnapshot?: (source: Client) => Promise<void>;
  /** for tests: inside the target's transaction after the copy, before it is verified */
  readonly afterCopy?: (target: Client) => Promise<void>;
  /** inside the target's transaction once the copy verified, before it commits */
  readonly beforeCommit?: (target: Client) => Promise<void>;
}

export type SchemaCopyOutcome =
  | { readonly kind: 'dry-run'; readonly plan: MovePlan }
  | { readonly kind: 'copied'; readonly plan: MovePlan; readonly pauseMs: number };

/**
 * One context's schema from one PostgreSQL database to another (ADR 0020): the target schema is
 * created by the context's own migrations; every table is read in ONE repeatable-read, read-only
 * snapshot of the source and streamed with COPY into ONE target transaction, verified (row count
 * and checksum per table) before it commits, so a failed or wrong copy leaves nothing behind.
 * Refusals throw Refusal. Shared by `move-data` and `shadow`.
 */
export class SchemaCopy {
  constructor(
    private readonly options: SchemaCopyOptions,
    private readonly output: CopyOutput,
    private readonly hooks: SchemaCopyHooks,
    private readonly source: Client,
    private readonly target: Client,
  ) {}

  async run(): Promise<SchemaCopyOutcome> {
    const { context } = this.options;
    const { output } = this;
    const refusals = await this.runningContext();
    // from here the context is known to be stopped (move-data): the pause it needs is counted from now
    const pauseStarted = performance.now();
    await this.source.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    if (!(await schemaExists(this.source, context))) throw new Refusal(`the source has no schema ${context}`);
    await this.hooks.afterSnapshot?.(this.source);
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
    if (this.options.dryRun) return { kind: 'dry-run', plan };
    if (plan.refusals.length > 0) throw new Refusal(plan.refusals.join('\n'));

    await this.migrateTarget();
    const targetTables = (await tablesOf(this.target, context)).filter((t) => !this.targetOnly(t.table));
    const differences = shapeMismatch(sourceTables, targetTables);
    if (differences.length > 0) throw new Refusal(`the schemas differ after migrating:\n${differences.join('\n')}`);
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
        throw new Refusal('the copy does not match the source; nothing was committed');
      if (this.options.contextStopped) {
        const late = await contextSessions(this.source, context);
        if (late.length > 0) throw new Refusal(`${describeSessions(context, 'source', late)}; nothing was committed`);
        if (byName.has('outbox')) {
          const restamped = await restampPendingOutbox(this.target, context);
          output.out(
            `${restamped} pending outbox row(s) re-stamped with a transaction id of the target (ids are per server)`,
          );
        }
      }
      await this.hooks.beforeCommit?.(this.target);
      for (const sequence of await sequencesOf(this.source, context)) await setSequence(this.target, context, sequence);
      await this.target.query('COMMIT');
    } catch (error) {
      await this.target.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await this.source.query('COMMIT');
    return { kind: 'copied', plan, pauseMs: performance.now() - pauseStarted };
  }

  private targetOnly(table: string): boolean {
    return this.options.targetOnlyTables?.includes(table) ?? false;
  }

  /** sessions of the running context: on both sides for a move, on the target only for a shadow copy */
  private async runningContext(): Promise<string[]> {
    const { context } = this.options;
    const refusals: string[] = [];
    if (this.options.contextStopped) {
      const onSource = await contextSessions(this.source, context);
      if (onSource.length > 0) refusals.push(describeSessions(context, 'source', onSource));
    }
    const onTarget = await contextSessions(this.target, context);
    if (onTarget.length > 0) refusals.push(describeSessions(context, 'target', onTarget));
    return refusals;
  }

  private async targetState() {
    const { context } = this.options;
    const exists = await schemaExists(this.target, context);
    const rows = new Map<string, number>();
    if (exists)
      for (const table of await tablesOf(this.target, context))
        rows.set(table.table, await rowCount(this.target, table));
    return { schemaExists: exists, rows };
  }

  /** creates (or brings up to date) the target schema with the context's own migrations, as its process would */
  private async migrateTarget(): Promise<void> {
    const { context } = this.options;
    const dataSource = await openContextDataSource(
      { url: this.options.to, embedded: false, release: async () => undefined },
      { context, migrations: migrationsOf(context), poolSize: 1 },
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
