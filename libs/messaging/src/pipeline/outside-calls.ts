import type { MessageSetContext } from './message-context';

/** failures kept at most: a kept one that is never asked for again (see below) must not pile up */
const KEPT_AT_MOST = 10_000;

/** what a record's call left for its run apart: its answer, or its failure */
type Kept = { readonly answer: unknown } | { readonly failure: unknown };

export interface OutsideCallOptions {
  /**
   * keep answers too, not only failures: for a call whose answer the handler writes down itself
   * (a carrier's booking), so that the run apart uses it instead of calling again. Not for an
   * adapter that writes its own journal through the transaction (the set's rows rolled back with it).
   */
  readonly keepAnswers?: boolean;
}

/**
 * What a set handler (@OnEvents) that calls an outside system keeps between a set's run and the
 * run apart that follows its failure (docs/adr/0026-work-in-sets.md). When one record's call
 * fails, the handler throws, the set rolls back, and each record runs again alone. Calling again
 * in that pass would spend a second call on the same delivery attempt: a transient failure could
 * go unreported, and a gateway that fails the first N calls would let the record through one
 * attempt early. So the failure is kept, by the record's event id and attempt, and the record's
 * run alone throws it again without calling: it is reported, retried and dead-lettered exactly as
 * if the record had been alone all along. Its neighbours call again, which their idempotency keys
 * make harmless, or, with `keepAnswers`, use the answer their call had in the set.
 *
 * Only a set of more than one keeps anything, and a set that commits drops what it kept. A record
 * that the run apart does not call for (another instance handled it, or what it read changed)
 * leaves its entry until newer ones push it out.
 */
export class OutsideCalls {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly options: OutsideCallOptions = {}) {}

  /** runs `call` for the record at `index` of `set`, or answers (throws) what its call had in the set that failed */
  async call<T>(set: MessageSetContext, index: number, call: () => Promise<T>): Promise<T> {
    const record = set.records[index];
    const key = `${record.causedMetadata().causationId}#${record.delivery.attempt}`;
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key);
      if ('failure' in kept) throw kept.failure;
      return kept.answer as T;
    }
    // only a set of more than one runs apart after a failure; a set of one is already alone
    const keeping = set.records.length > 1;
    try {
      const answer = await call();
      if (keeping && this.options.keepAnswers) this.keep(set, key, { answer });
      return answer;
    } catch (failure) {
      if (keeping) this.keep(set, key, { failure });
      throw failure;
    }
  }

  private keep(set: MessageSetContext, key: string, kept: Kept): void {
    this.kept.set(key, kept);
    set.tx.afterCommit(() => this.kept.delete(key));
    if (this.kept.size > KEPT_AT_MOST) this.kept.delete(this.kept.keys().next().value as string);
  }
}

/**
 * Waits for every promise (no call of a set may still run when its transaction rolls back), then
 * answers their values in order, or throws the first failure in order.
 */
export async function allOrFirstFailure<T>(work: ReadonlyArray<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(work);
  const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<T>).value);
}
