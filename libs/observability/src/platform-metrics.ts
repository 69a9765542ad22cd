import { Counter, Gauge, Histogram, register, type Registry } from 'prom-client';

/**
 * The platform's metrics, created once per registry. Libraries record through this object so
 * metric names and labels are defined in one place (README.md, "Operating", lists them; the alerts
 * on them are in alerts/alert-catalogue.ts).
 * Gauges that need a database read (outbox backlog, consumer lag) are filled at scrape time by
 * collectors registered with `onCollect`.
 */
export class PlatformMetrics {
  readonly eventsPublished: Counter<'topic' | 'producer'>;
  readonly eventsConsumed: Counter<'topic' | 'group' | 'outcome'>;
  readonly handlerFailures: Counter<'topic' | 'group' | 'error'>;
  readonly handlerDuration: Histogram<'topic' | 'group'>;
  readonly consumerTransactionRecords: Histogram<'group'>;
  readonly deadLettered: Counter<'topic' | 'group' | 'error'>;
  readonly consumersWaiting: Gauge<'group' | 'dependency'>;
  readonly outboxBacklog: Gauge<'context'>;
  readonly outboxOldestAge: Gauge<'context'>;
  readonly consumerLag: Gauge<'topic' | 'group'>;
  readonly deadLetterDepth: Gauge<'context' | 'group'>;
  readonly retentionDeleted: Counter<'context' | 'table'>;
  readonly sagasInProgress: Gauge<'saga' | 'state'>;
  readonly sagaOldestStepAge: Gauge<'saga' | 'state'>;
  readonly shadowComparisonResults: Gauge<'context' | 'result'>;
  readonly shadowLagRecords: Gauge<'context'>;
  private readonly collectors = new Set<() => Promise<void>>();
  private refreshing?: Promise<void>;

  constructor(readonly registry: Registry) {
    // a scrape reads every gauge at once: they share one refresh, so none reports the last scrape's value
    const collect = (): Promise<void> => {
      this.refreshing ??= Promise.all([...this.collectors].map((c) => c().catch(() => undefined))).then(() => {
        this.refreshing = undefined;
      });
      return this.refreshing;
    };
    this.eventsPublished = new Counter({
      name: 'events_published_total',
      help: 'Events the outbox relay handed to the transport',
      labelNames: ['topic', 'producer'],
      registers: [registry],
    });
    this.eventsConsumed = new Counter({
      name: 'events_consumed_total',
      help: 'Events a consumer group finished with, by outcome (handled, duplicate, dead_lettered)',
      labelNames: ['topic', 'group', 'outcome'],
      registers: [registry],
    });
    this.handlerFailures = new Counter({
      name: 'event_handler_failures_total',
      help: 'Handler attempts that threw, by stable error code',
      labelNames: ['topic', 'group', 'error'],
      registers: [registry],
    });
    this.handlerDuration = new Histogram({
      name: 'event_handler_duration_seconds',
      help: 'Time from dequeue to commit of one event, retries included',
      labelNames: ['topic', 'group'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.consumerTransactionRecords = new Histogram({
      name: 'consumer_transaction_records',
      help: 'Records committed together in one consumer transaction (CONSUMER_TRANSACTION_MAX_RECORDS)',
      labelNames: ['group'],
      buckets: [1, 2, 4, 8, 16, 32, 64],
      registers: [registry],
    });
    this.deadLettered = new Counter({
      name: 'events_dead_lettered_total',
      help: 'Events sent to the dead letters',
      labelNames: ['topic', 'group', 'error'],
      registers: [registry],
    });
    this.consumersWaiting = new Gauge({
      name: 'consumers_waiting_on_infrastructure',
      help: 'Consumer groups paused because their database or broker does not answer (1 while waiting), by dependency',
      labelNames: ['group', 'dependency'],
      registers: [registry],
    });
    this.outboxBacklog = new Gauge({
      name: 'outbox_backlog',
      help: 'Outbox rows not yet published',
      labelNames: ['context'],
      registers: [registry],
      collect,
    });
    this.outboxOldestAge = new Gauge({
      name: 'outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest unpublished outbox row',
      labelNames: ['context'],
      registers: [registry],
      collect,
    });
    // set by a shadow run's comparator each time it compares (ADR 0021), not at scrape time
    this.shadowComparisonResults = new Gauge({
      name: 'shadow_comparison_results',
      help: "A shadow's outputs against the live context's for the inputs both processed, by result",
      labelNames: ['context', 'result'],
      registers: [registry],
    });
    this.shadowLagRecords = new Gauge({
      name: 'shadow_lag_records',
      help: 'Inputs the live context processed since the shadow copy that the shadow has not',
      labelNames: ['context'],
      registers: [registry],
    });
    this.consumerLag = new Gauge({
      name: 'consumer_lag',
      help: 'Records on a topic not yet processed by a consumer group',
      labelNames: ['topic', 'group'],
      registers: [registry],
      collect,
    });
    this.deadLetterDepth = new Gauge({
      name: 'dead_letters_pending',
      help: 'Dead letters waiting for an operator (status pending), per context and consumer group',
      labelNames: ['context', 'group'],
      registers: [registry],
      collect,
    });
    this.retentionDeleted = new Counter({
      name: 'retention_deleted_rows_total',
      help: 'Rows deleted by retention (inbox, settled dead letters, idempotency keys...), per context and table',
      labelNames: ['context', 'table'],
      registers: [registry],
    });
    this.sagasInProgress = new Gauge({
      name: 'sagas_in_progress',
      help: 'Sagas not yet in a terminal state, per saga and the step they wait at',
      labelNames: ['saga', 'state'],
      registers: [registry],
      collect,
    });
    this.sagaOldestStepAge = new Gauge({
      name: 'saga_oldest_step_age_seconds',
      help: 'Time since the least recently moved saga in each state took its last step (a stuck saga grows it)',
      labelNames: ['saga', 'state'],
      registers: [registry],
      collect,
    });
  }

  /** registers a scrape-time collector; returns a function that unregisters it */
  onCollect(collector: () => Promise<void>): () => void {
    this.collectors.add(collector);
    return () => this.collectors.delete(collector);
  }
}

const perRegistry = new WeakMap<Registry, PlatformMetrics>();

export function platformMetrics(registry: Registry = register): PlatformMetrics {
  let metrics = perRegistry.get(registry);
  if (!metrics) {
    metrics = new PlatformMetrics(registry);
    perRegistry.set(registry, metrics);
  }
  return metrics;
}
