/** One consumer group: where it lags, how fast it consumes, what fails. */
export interface GroupFlow {
  readonly group: string;
  /** the deployables it runs in (more than one when scaled out or split) */
  readonly services: string[];
  readonly lag: number;
  readonly partitions: Array<{ readonly topic: string; readonly partition: number; readonly lag: number }>;
  readonly consumedTotal: number;
  /** events finished with per minute since the previous reading (null before a second reading) */
  readonly consumedPerMinute: number | null;
  readonly failuresTotal: number;
  readonly failuresPerMinute: number | null;
  readonly deadLettersPending: number;
  /** what it is paused on (database, broker), by service: empty while it consumes */
  readonly waitingOn: string[];
}

/** One context's outbox: what its relay has not published yet, and how fast it publishes. */
export interface OutboxFlow {
  readonly backlog: number;
  readonly oldestPendingAgeMs: number;
  readonly publishedTotal: number;
  readonly publishedPerMinute: number | null;
}

export interface ContextFlow {
  readonly context: string;
  readonly outbox: OutboxFlow | null;
  readonly groups: GroupFlow[];
}

/** A shadow copy's comparison with the live context (ADR 0021), as its process reports it. */
export interface ShadowFlow {
  readonly context: string;
  readonly service: string;
  readonly results: Record<string, number>;
  readonly lagRecords: number | null;
}

/** How many sagas wait at one step, and the one that has waited longest. */
export interface SagaStepFlow {
  readonly saga: string;
  readonly state: string;
  readonly count: number;
  readonly oldestStepAgeMs: number;
  readonly oldestId?: string;
}

/** a process whose part is in the view: this one, or a peer, or a peer that did not answer */
export interface FlowSource {
  readonly source: string;
  readonly service: string | null;
  readonly error: string | null;
}

export interface FlowView {
  readonly at: string;
  readonly sources: FlowSource[];
  readonly contexts: ContextFlow[];
  readonly sagas: SagaStepFlow[];
  readonly shadows: ShadowFlow[];
}
