/** How many sagas of one kind wait at one step, and the one that has waited longest. */
export interface SagaStepReport {
  readonly saga: string;
  readonly state: string;
  readonly count: number;
  /** since the least recently moved saga at this step took its last step */
  readonly oldestStepAgeSeconds: number;
  /** that saga's id (the order's, for the order saga), so an operator can open it */
  readonly oldestId?: string;
}

/**
 * Where the sagas this process runs wait, read on demand: the operator console's Flow view asks,
 * the context that owns a saga answers (it registers a reader at start), and no library reads a
 * context's tables. The sagas_in_progress gauges give the counts without the ids.
 */
export class SagaWatch {
  private readonly readers = new Set<() => Promise<SagaStepReport[]>>();

  /** registers a context's reader; returns a function that unregisters it */
  add(reader: () => Promise<SagaStepReport[]>): () => void {
    this.readers.add(reader);
    return () => this.readers.delete(reader);
  }

  async read(): Promise<SagaStepReport[]> {
    return (await Promise.all([...this.readers].map((read) => read()))).flat();
  }
}
