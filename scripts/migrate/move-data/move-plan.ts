import type { TableColumns } from './schema-catalog';

/**
 * What a move would do, decided from what was read on both sides: pure, so `--dry-run` prints
 * exactly what a real run checks, and each refusal is tested without a database.
 */
export interface TargetState {
  readonly schemaExists: boolean;
  /** rows per table already in the target schema (tables that exist there) */
  readonly rows: ReadonlyMap<string, number>;
}

export interface MovePlan {
  readonly context: string;
  readonly tables: ReadonlyArray<{ readonly table: string; readonly rows: number }>;
  readonly target: TargetState;
  /** why a real run would stop (exit 1); none when it would copy */
  readonly refusals: readonly string[];
  /** the target's rows a real run would delete first (--force) */
  readonly emptiesTarget: boolean;
}

export function targetRows(target: TargetState): number {
  return [...target.rows.values()].reduce((sum, n) => sum + n, 0);
}

/** the source's schema must be at exactly the migrations this code runs, or the shapes differ */
export function migrationMismatch(expected: readonly string[], applied: readonly string[] | undefined): string[] {
  if (!applied) return ['the source has no migrations table: it is not a context schema the platform created'];
  const missing = expected.filter((name) => !applied.includes(name));
  const unknown = applied.filter((name) => !expected.includes(name));
  const said: string[] = [];
  if (missing.length > 0)
    said.push(
      `the source schema lacks migration(s) ${missing.join(', ')}: start the context once on this version ` +
        '(it migrates its schema), stop it, and move again',
    );
  if (unknown.length > 0)
    said.push(
      `the source schema has migration(s) this version does not know: ${unknown.join(', ')}; move it with the newer version`,
    );
  return said;
}

/** tables or columns that differ between the two schemas (both created by the same migrations, they must not) */
export function shapeMismatch(source: readonly TableColumns[], target: readonly TableColumns[]): string[] {
  const said: string[] = [];
  const targetByName = new Map(target.map((t) => [t.table, t]));
  for (const table of source) {
    const other = targetByName.get(table.table);
    if (!other) said.push(`table ${table.table} is on the source only`);
    else if (other.signature.join(', ') !== table.signature.join(', '))
      said.push(
        `table ${table.table} differs: source (${table.signature.join(', ')}), target (${other.signature.join(', ')})`,
      );
  }
  const sourceNames = new Set(source.map((t) => t.table));
  for (const table of target)
    if (!sourceNames.has(table.table)) said.push(`table ${table.table} is on the target only`);
  return said;
}

export function planMove(input: {
  context: string;
  sourceTables: ReadonlyArray<{ table: string; rows: number }>;
  target: TargetState;
  force: boolean;
  refusals: readonly string[];
}): MovePlan {
  const refusals = [...input.refusals];
  const rowsThere = targetRows(input.target);
  if (rowsThere > 0 && !input.force)
    refusals.push(
      `the target schema ${input.context} already holds ${rowsThere} row(s): refusing to mix two copies ` +
        '(--force empties it first, in the same transaction as the copy)',
    );
  return {
    context: input.context,
    tables: input.sourceTables,
    target: input.target,
    refusals,
    emptiesTarget: rowsThere > 0 && input.force,
  };
}

export function formatPlan(plan: MovePlan): string {
  const width = Math.max(5, ...plan.tables.map((t) => t.table.length));
  const lines = [`tables of ${plan.context} to copy (rows in the source snapshot):`];
  for (const t of plan.tables) lines.push(`  ${t.table.padEnd(width)}  ${String(t.rows).padStart(10)}`);
  const total = plan.tables.reduce((sum, t) => sum + t.rows, 0);
  lines.push(`  ${'total'.padEnd(width)}  ${String(total).padStart(10)}`);
  lines.push(`target: ${describeTarget(plan)}`);
  return lines.join('\n');
}

function describeTarget(plan: MovePlan): string {
  if (!plan.target.schemaExists) return `no schema ${plan.context} yet: its migrations will create it`;
  const rows = targetRows(plan.target);
  if (rows === 0) return `schema ${plan.context} exists and is empty: the copy fills it`;
  const which = [...plan.target.rows].filter(([, n]) => n > 0).map(([t, n]) => `${t} ${n}`);
  const then = plan.emptiesTarget ? 'emptied first (--force)' : 'a real run refuses';
  return `schema ${plan.context} holds ${rows} row(s) (${which.join(', ')}): ${then}`;
}

/**
 * The order to copy tables in: a table after every table its foreign keys point to (the keys are
 * checked at the end of each COPY, so a referenced row must already be there), otherwise by name.
 * A table that references itself is fine in one COPY; a cycle between tables is refused.
 */
export function copyOrder(tables: readonly string[], foreignKeys: ReadonlyArray<readonly [string, string]>): string[] {
  const ordered: string[] = [];
  const pending = new Set([...tables].sort());
  while (pending.size > 0) {
    const ready = [...pending].find((table) =>
      foreignKeys.every(([child, parent]) => child !== table || parent === table || !pending.has(parent)),
    );
    if (!ready) throw new Error(`foreign keys form a cycle between ${[...pending].join(', ')}`);
    ordered.push(ready);
    pending.delete(ready);
  }
  return ordered;
}
