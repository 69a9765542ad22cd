import { captureAsyncContext, type InContext } from './async-context';
import type { Transaction, TransactionRunner } from './transaction';

/**
 * Does the work of a set of items in one transaction, and answers each item: `results[i]` is
 * item i's. Throwing fails the whole set, which then runs apart (see GroupCommit). The set runs
 * in its first item's async context; `inContexts[i]` runs a piece of work in item i's own (its
 * log bindings, its trace span), for what belongs to that item alone.
 */
export type SetWork<I, R> = (
  tx: Transaction,
  items: readonly I[],
  inContexts: readonly InContext[],
) => Promise<readonly R[]>;

/** an item run at once, by its caller: already in its own context */
const IN_CALLERS_CONTEXT: InContext = (fn) => fn();

export interface GroupCommitOptions {
  /** items in one transaction at most; 1 gives every item its own transaction */
  readonly maxItems: number;
  /** called with the size of every set that committed, for the metrics */
  readonly onCommitted?: (items: number) => void;
}

interface Queued<I, R> {
  readonly item: I;
  /** runs in the async context the item was submitted from (its log bindings, its trace span) */
  readonly inContext: InContext;
  readonly resolve: (result: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: the items submitted while a transaction runs wait, and the next transaction does
 * all of them as one set, up to `maxItems`. A quiet caller waits for nothing: its item gets a
 * transaction of its own at once. Under load the sets grow by themselves, and BEGIN, COMMIT, the
 * WAL flush and every statement the set work shares are paid once per set instead of once per
 * item (docs/adr/0016-consumer-transaction-batching.md, docs/adr/0026-work-in-sets.md).
 *
 * Nothing about an item's outcome changes. Every item is answered only after its set committed.
 * When the set work throws, or the commit fails, the set rolls back and each item runs again in
 * a transaction of its own, as a set of one: the failure is reported for the item that caused it,
 * and its neighbours commit. Set work must therefore tolerate running twice, as a consumer handler
 * does on a redelivery; an answer that is not a failure (a refusal, say) is a result, not a throw,
 * so that it never costs the others a second run.
 */
export class GroupCommit<I, R> {
  private readonly queue: Array<Queued<I, R>> = [];
  private draining = false;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly work: SetWork<I, R>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: I): Promise<R> {
    // not grouping: every item its own transaction at once, side by side with the others
    if (this.options.maxItems <= 1)
      return this.transactions.run(async (tx) => (await this.work(tx, [item], [IN_CALLERS_CONTEXT]))[0]);
    return new Promise<R>((resolve, reject) => {
      const inContext = captureAsyncContext();
      this.queue.push({ item, inContext, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const set = this.queue.splice(0, this.options.maxItems);
        if (set.length === 1 || !(await this.runTogether(set))) await this.runApart(set);
      }
    } finally {
      this.draining = false;
    }
  }

  /** true when the whole set committed and every item was answered */
  private async runTogether(set: ReadonlyArray<Queued<I, R>>): Promise<boolean> {
    let results: readonly R[];
    try {
      // a set's work runs in its first item's async context: one trace span and log context for the statements it shares
      results = await set[0].inContext(() =>
        this.transactions.run((tx) =>
          this.work(
            tx,
            set.map((queued) => queued.item),
            set.map((queued) => queued.inContext),
          ),
        ),
      );
    } catch {
      return false;
    }
    this.options.onCommitted?.(set.length);
    set.forEach((queued, index) => queued.resolve(results[index]));
    return true;
  }

  private async runApart(set: ReadonlyArray<Queued<I, R>>): Promise<void> {
    for (const queued of set) {
      try {
        const [result] = await queued.inContext(() =>
          this.transactions.run((tx) => this.work(tx, [queued.item], [queued.inContext])),
        );
        this.options.onCommitted?.(1);
        queued.resolve(result);
      } catch (error) {
        queued.reject(error);
      }
    }
  }
}
