import type { ConsumeOutcome } from './consume-outcome';
import type { ReceivedRecord } from './received-record';

/**
 * Runs one record to the end (handled, duplicate, dead-lettered) or until `signal` aborts; calls
 * `onRetrying` when an attempt failed and the record waits to be tried again.
 */
export type RecordRunner = (
  record: ReceivedRecord,
  signal: AbortSignal,
  onRetrying: () => void,
) => Promise<ConsumeOutcome>;

export interface KeyedLaneOptions {
  /** records held aside behind retries at most (per partition); at the limit the lane waits for one */
  readonly maxHeldUpRecords: number;
  /** called whenever a record held aside finished, or could not be finished (with the error) */
  readonly onSettled?: (error?: unknown) => void;
}

/**
 * Takes one partition's records in offset order and runs them one at a time, except that a
 * record waiting for a retry is set aside with its key: the records behind it with the same key
 * queue behind it, in order, and the other keys go on. So a retry holds up its own key, never
 * the partition (and never the consumer). Records then finish out of offset order, so the lane
 * says which offset may be committed: the lowest one not finished. A record left unfinished
 * (the lane stopped, or it could not even be dead-lettered) is never committed past, and is
 * delivered again after a restart; the inbox absorbs what had finished behind it.
 */
export class KeyedLane {
  private readonly stopping = new AbortController();
  private readonly signal: AbortSignal;
  /** the end of each held-up key's queue */
  private readonly heldUp = new Map<string, Promise<void>>();
  private readonly unfinished = new Set<bigint>();
  private next?: bigint;
  private committed?: bigint;
  private failure?: { error: unknown };
  /** records were reserved (offered out of offset order): `next` only moves forward */
  private reserved = false;

  constructor(
    private readonly run: RecordRunner,
    private readonly options: KeyedLaneOptions,
    consumerSignal?: AbortSignal,
  ) {
    this.signal = consumerSignal ? AbortSignal.any([consumerSignal, this.stopping.signal]) : this.stopping.signal;
  }

  /** records taken and not finished: held aside, queued behind them, or in progress */
  get pending(): number {
    return this.unfinished.size;
  }

  /** the offset every record before which finished; undefined before the first one did */
  get committable(): bigint | undefined {
    let lowest: bigint | undefined;
    for (const offset of this.unfinished) if (lowest === undefined || offset < lowest) lowest = offset;
    return lowest ?? this.next;
  }

  /** the committable offset when it moved since the last `markCommitted` */
  get uncommitted(): bigint | undefined {
    const offset = this.committable;
    return offset !== undefined && (this.committed === undefined || offset > this.committed) ? offset : undefined;
  }

  markCommitted(offset: bigint): void {
    if (this.committed === undefined || offset > this.committed) this.committed = offset;
  }

  /**
   * Counts `offset` as taken and not finished before it is offered: a caller that offers one
   * batch's records out of offset order (different keys at once) reserves them all first, so no
   * commit passes a record it has not offered yet. One never offered stays unfinished.
   */
  reserve(offset: bigint): void {
    this.reserved = true;
    this.unfinished.add(offset);
    if (this.next === undefined || offset >= this.next) this.next = offset + 1n;
  }

  /** rethrows what kept a held-up record from finishing, so the caller restarts from its offsets */
  throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }

  /**
   * Takes the next record. Resolves `continue` once it finished or was set aside, `aborted`
   * when the lane is stopping (the record stays unfinished). Throws when a record could not be
   * finished at all (not even dead-lettered): then the lane takes nothing more.
   */
  async offer(record: ReceivedRecord): Promise<'continue' | 'aborted'> {
    this.throwIfFailed();
    const offset = BigInt(record.offset);
    this.unfinished.add(offset);
    // a reserved batch is offered out of order: its end stays the end
    if (this.next === undefined || offset >= this.next || !this.reserved) this.next = offset + 1n;
    const queue = this.heldUp.get(record.key);
    if (queue) {
      this.holdUp(
        record.key,
        queue.then(() => this.finish(record)),
      );
      return this.withinLimit();
    }
    let setAside!: () => void;
    const retrying = new Promise<'retrying'>((resolve) => (setAside = () => resolve('retrying')));
    const finishing = this.finish(record, setAside);
    const first = await Promise.race([finishing, retrying]);
    if (first === 'retrying') {
      this.holdUp(record.key, finishing);
      return this.withinLimit();
    }
    return first === 'aborted' ? 'aborted' : 'continue';
  }

  /** waits for every held-up record to finish or give up */
  async drain(): Promise<void> {
    while (this.heldUp.size > 0) await Promise.all(this.heldUp.values());
  }

  /** stops: retry waits are cut short, nothing new starts; resolves once nothing runs */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.drain();
  }

  private async finish(record: ReceivedRecord, onRetrying: () => void = () => undefined): Promise<ConsumeOutcome> {
    // a queued record never starts once the lane stops or a record before it could not finish
    if (this.signal.aborted || this.failure) return 'aborted';
    const outcome = await this.run(record, this.signal, onRetrying);
    if (outcome !== 'aborted') this.unfinished.delete(BigInt(record.offset));
    return outcome;
  }

  private holdUp(key: string, finishing: Promise<unknown>): void {
    const end: Promise<void> = finishing.then(
      () => {
        if (this.heldUp.get(key) === end) this.heldUp.delete(key);
        this.options.onSettled?.();
      },
      (error: unknown) => {
        this.failure ??= { error };
        if (this.heldUp.get(key) === end) this.heldUp.delete(key);
        this.options.onSettled?.(error);
      },
    );
    this.heldUp.set(key, end);
  }

  private async withinLimit(): Promise<'continue' | 'aborted'> {
    while (this.heldUp.size > 0 && this.unfinished.size > this.options.maxHeldUpRecords) {
      await Promise.race(this.heldUp.values());
      this.throwIfFailed();
    }
    return this.signal.aborted ? 'aborted' : 'continue';
  }
}
