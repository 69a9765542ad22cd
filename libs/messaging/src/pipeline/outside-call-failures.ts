import type { MessageSetContext } from './message-context';

/** failures kept at most: a kept one that is never asked for again (see below) must not pile up */
const KEPT_AT_MOST = 10_000;

/**
 * What a set handler (@OnEvents) that calls an outside system keeps between a set's run and the
 * run apart that follows its failure (docs/adr/0026-work-in-sets.md). When one record's call
 * fails, the handler throws, the set rolls back, and each record runs again alone. Calling again
 * in that pass would spend a second call on the same delivery attempt: a transient failure could
 * go unreported, and a gateway that fails the first N calls would let the record through one
 * attempt early. So the failure is kept, by the record's event id and attempt, and the record's
 * run alone throws it again without calling: it is reported, retried and dead-lettered exactly as
 * if the record had been alone all along. Its neighbours call again, which their idempotency keys
 * make harmless. A record that the run apart finds already handled (another instance took it)
 * leaves its failure kept until newer ones push it out.
 */
export class OutsideCallFailures {
  private readonly kept = new Map<string, unknown>();

  /** runs `call` for the record at `index` of `set`, or throws the failure its call had in the set that failed */
  async call<T>(set: MessageSetContext, index: number, call: () => Promise<T>): Promise<T> {
    const record = set.records[index];
    const key = `${record.causedMetadata().causationId}#${record.delivery.attempt}`;
    if (this.kept.has(key)) {
      const failure = this.kept.get(key);
      this.kept.delete(key);
      throw failure;
    }
    try {
      return await call();
    } catch (error) {
      // only a set of more than one runs apart after a failure; a set of one is already alone
      if (set.records.length > 1) this.keep(key, error);
      throw error;
    }
  }

  private keep(key: string, failure: unknown): void {
    this.kept.set(key, failure);
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
