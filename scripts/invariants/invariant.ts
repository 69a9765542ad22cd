/**
 * The vocabulary of the invariant checker: a query bound to one context's database, the result of
 * one invariant, and the knobs every check shares. Checks only read; they never write.
 */

/** A read-only query against the database a context lives in (rows as the `pg` driver returns them). */
export type Row = Record<string, unknown>;
export type Query = (sql: string, params?: readonly unknown[]) => Promise<Row[]>;

export const CONTEXTS = [
  'orders',
  'inventory',
  'payments',
  'shipping',
  'notifications',
  'loyalty',
  'analytics',
] as const;
export type ContextName = (typeof CONTEXTS)[number];

/** One query per context, each bound to that context's database (the same one in the monolith). */
export type Sources = Readonly<Record<ContextName, Query>>;

export interface InvariantOptions {
  /**
   * How long the flow may still be moving: a PENDING order younger than this is in progress, and
   * a side effect (points, e-mail, read model, compensation) may lag an order or a row changed
   * this recently. 0 means the system is quiescent and everything must already agree.
   */
  readonly settleMs: number;
  /** an unpublished outbox row older than this is stuck */
  readonly outboxMaxAgeMs: number;
  /** LOYALTY_POINTS_PER_UNIT of the deployment */
  readonly pointsPerUnit: number;
}

export const DEFAULT_OPTIONS: InvariantOptions = { settleMs: 0, outboxMaxAgeMs: 30_000, pointsPerUnit: 1 };

export interface InvariantResult {
  readonly name: string;
  readonly ok: boolean;
  /** one line: what was checked and how much of it failed */
  readonly detail: string;
  /** the first MAX_LISTED violations, each naming the order, SKU or row */
  readonly violations: string[];
  /** set when the check could not run at all (a database down, a table missing) */
  readonly error?: string;
}

export interface Invariant {
  readonly name: string;
  readonly check: (sources: Sources, options: InvariantOptions) => Promise<InvariantResult>;
}

export const MAX_LISTED = 20;

/** Builds a result from every violation found; lists the first MAX_LISTED of them. */
export function resultOf(name: string, checked: string, violations: readonly string[]): InvariantResult {
  const listed = violations.slice(0, MAX_LISTED);
  const more = violations.length > MAX_LISTED ? ` (first ${MAX_LISTED} listed)` : '';
  const detail = violations.length === 0 ? checked : `${checked}; ${violations.length} violation(s)${more}`;
  return { name, ok: violations.length === 0, detail, violations: listed };
}

/** `pg` returns bigint and numeric as strings */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** SQL for "how long ago, in ms, by this database's clock" of a timestamptz expression */
export function ageMs(expression: string): string {
  return `(extract(epoch FROM (now() - ${expression})) * 1000)::float8`;
}
