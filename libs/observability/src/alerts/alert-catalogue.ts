import { maxBy } from './alert-conditions';
import { consumerStopped, lagGrowing, relayStopped } from './alert-trends';
import { aboveThreshold } from './alert-verdicts';
import type { AlertDefinition } from './alert';

/**
 * Every threshold of the alerts, in one place: the PromQL below and the in-process evaluators
 * read these, so Prometheus and GET /admin/alerts cannot disagree on a number.
 */
export const ALERT_THRESHOLDS = {
  /** records behind before a growing lag is worth a page */
  consumerLagRecords: 1000,
  /** the window over which "growing", "nothing consumed" and "nothing published" are judged */
  trendWindowMinutes: 10,
  /** the relay publishes within milliseconds; a row a minute old is stuck */
  outboxOldestAgeSeconds: 60,
  /**
   * ORDERS_SAGA_TIMEOUT_MS (30 s by default) plus its sweep: a saga still waiting for stock or
   * payment past this has missed its own timeout (apps/orders checks this is above the default)
   */
  sagaStepAgeSeconds: 60,
} as const;

const T = ALERT_THRESHOLDS;
const WINDOW = `${T.trendWindowMinutes}m`;

/** the saga steps that have a timeout; awaiting_dispatch and awaiting_delivery go at the carrier's pace */
export const SAGA_STEPS_WITH_TIMEOUT = ['awaiting_stock_and_payment', 'awaiting_stock', 'awaiting_payment'] as const;

/**
 * The alerts shipped with the compose stack (docker/prometheus/alerts.yml is generated from this
 * list by `npm run alerts:generate`) and shown by GET /admin/alerts. Each has its section in
 * docs/operations.md.
 *
 * "A relay or consumer stopped" is judged from the platform's own metrics, not from `up`: a
 * consumer that stopped inside a live process (a crashed Kafka consumer restarting, a partition
 * worker stuck on a poison record) still answers scrapes, so `up` would miss it; "records wait and
 * nothing was consumed (published) for the window" catches it whatever the cause. A whole
 * deployable that stopped reports nothing at all, so DeployableDown adds `up == 0`, limited to
 * targets that were up within a day: the compose file scrapes both the monolith and the split
 * services, and only one of the two runs, so a bare `up == 0` would always fire.
 */
export const ALERT_CATALOGUE: readonly AlertDefinition[] = [
  {
    name: 'ConsumerLagGrowing',
    severity: 'warning',
    summary: `A consumer group is more than ${T.consumerLagRecords} records behind on a topic, and falls further behind`,
    description:
      'Group {{ $labels.group }} is {{ $value }} records behind on {{ $labels.topic }}, ' +
      `further behind than ${WINDOW} ago: it consumes slower than events arrive.`,
    runbook:
      'Open /console#/flow to see which handler is slow or failing; scale the group (more partitions and ' +
      'instances on Kafka) or fix the failing dependency. docs/operations.md#consumerlaggrowing',
    expr:
      `max by (group, topic) (consumer_lag) > ${T.consumerLagRecords}\n` +
      `and max by (group, topic) (delta(consumer_lag[${WINDOW}])) > 0`,
    for: WINDOW,
    evaluate: (inputs) => lagGrowing(inputs, T.consumerLagRecords),
  },
  {
    name: 'ConsumerStopped',
    severity: 'critical',
    summary: `Records wait for a consumer group that consumed nothing in ${WINDOW}`,
    description:
      'Group {{ $labels.group }} has {{ $value }} records waiting on {{ $labels.topic }} ' +
      `and finished none in ${WINDOW}.`,
    runbook:
      "Check /health/ready (consumer:<context>) and the group's logs for the record it is stuck on; " +
      '/console#/flow shows where it stopped. docs/operations.md#consumerstopped',
    expr:
      'max by (group, topic) (consumer_lag) > 0\n' +
      `unless on (group, topic) sum by (group, topic) (increase(events_consumed_total[${WINDOW}])) > 0`,
    for: '5m',
    evaluate: consumerStopped,
  },
  {
    name: 'ConsumerWaitingOnInfrastructure',
    severity: 'critical',
    summary: 'A consumer group is paused because its database or broker does not answer',
    description: 'Group {{ $labels.group }} waits for its {{ $labels.dependency }}.',
    runbook:
      "Restore the named dependency (database or broker); the group resumes by itself. /health/ready's " +
      '`consumers` check names it. docs/operations.md#consumerwaitingoninfrastructure',
    expr: 'max by (group, dependency) (consumers_waiting_on_infrastructure) > 0',
    for: '2m',
    evaluate: ({ now }) =>
      aboveThreshold(
        maxBy(now, 'consumers_waiting_on_infrastructure', ['group', 'dependency']),
        0,
        'waiting',
        'no consumer group reported',
      ),
  },
  {
    name: 'DeadLettersPending',
    severity: 'warning',
    summary: 'Dead letters wait for an operator',
    description: '{{ $value }} dead letters of group {{ $labels.group }} wait in {{ $labels.context }}.dead_letters.',
    runbook:
      'Open /console#/dead-letters (or `npm run dead-letters -- list`), fix the cause, then re-drive or ' +
      'discard each letter. docs/operations.md#deadletterspending',
    expr: 'max by (context, group) (dead_letters_pending) > 0',
    for: '1m',
    evaluate: ({ now }) =>
      aboveThreshold(
        maxBy(now, 'dead_letters_pending', ['context', 'group']),
        0,
        'pending',
        'no dead-letter table reported',
      ),
  },
  {
    name: 'OutboxRowsTooOld',
    severity: 'critical',
    summary: `An outbox row has waited more than ${T.outboxOldestAgeSeconds} s to be published`,
    description:
      'The oldest unpublished outbox row of {{ $labels.context }} is {{ $value }} s old ' +
      `(bound: ${T.outboxOldestAgeSeconds} s).`,
    runbook:
      "If RelayStopped fires too, the context's relay is down: check /health/ready (relay:<context>). " +
      'If not, look for a long-running transaction on the database server. docs/operations.md#outboxrowstooold',
    expr: `max by (context) (outbox_oldest_pending_age_seconds) > ${T.outboxOldestAgeSeconds}`,
    for: '2m',
    evaluate: ({ now }) =>
      aboveThreshold(
        maxBy(now, 'outbox_oldest_pending_age_seconds', ['context']),
        T.outboxOldestAgeSeconds,
        'oldest row (s)',
        'no outbox reported by this process',
      ),
  },
  {
    name: 'RelayStopped',
    severity: 'critical',
    summary: `Outbox rows wait and the relay published nothing in ${WINDOW}`,
    description: '{{ $labels.context }} has {{ $value }} outbox rows waiting and published none in ' + `${WINDOW}.`,
    runbook:
      "Check /health/ready (relay:<context>) and the deployable's logs; restart it if the relay is gone. " +
      'docs/operations.md#relaystopped',
    expr:
      'max by (context) (outbox_backlog) > 0\nunless on (context) sum by (context) (' +
      `label_replace(increase(events_published_total[${WINDOW}]), "context", "$1", "producer", "(.+)")) > 0`,
    for: '5m',
    evaluate: relayStopped,
  },
  {
    name: 'SagaStepPastTimeout',
    severity: 'critical',
    summary: `An order saga has waited for stock or payment more than ${T.sagaStepAgeSeconds} s, past its timeout`,
    description:
      'The oldest order saga at {{ $labels.state }} took its last step {{ $value }} s ago; ' +
      'its timeout should have cancelled it.',
    runbook:
      "The orders context's timeout sweeper is not running or failing: read its logs (saga timeout sweep failed). " +
      '/console#/flow shows the order. docs/operations.md#sagasteppasttimeout',
    expr:
      'max by (saga, state) (saga_oldest_step_age_seconds' +
      `{state=~"${SAGA_STEPS_WITH_TIMEOUT.join('|')}"}) > ${T.sagaStepAgeSeconds}`,
    for: '1m',
    evaluate: ({ now }) =>
      aboveThreshold(
        maxBy(now, 'saga_oldest_step_age_seconds', ['saga', 'state']).filter((s) =>
          (SAGA_STEPS_WITH_TIMEOUT as readonly string[]).includes(s.labels.state),
        ),
        T.sagaStepAgeSeconds,
        'waiting (s)',
        'no order saga in this process',
      ),
  },
  {
    name: 'DeployableDown',
    severity: 'critical',
    summary: 'A deployable that was up within a day does not answer scrapes',
    description: '{{ $labels.instance }} does not answer /metrics.',
    runbook:
      'Check the container (`docker compose ps`, its logs); if it was stopped on purpose (a switch between the ' +
      'monolith and the split services) silence the alert. docs/operations.md#deployabledown',
    expr: 'up{job="platform"} == 0\nand on (instance) max_over_time(up{job="platform"}[1d]) == 1',
    for: '2m',
    // a process cannot see itself stopped: only Prometheus can
    evaluate: () => ({ firing: false, details: ['this process answers; only Prometheus sees a stopped deployable'] }),
  },
];

/** the metrics the evaluators read, so a reading keeps nothing else */
export const METRICS_READ_BY_ALERTS: ReadonlySet<string> = new Set([
  'consumer_lag',
  'events_consumed_total',
  'consumers_waiting_on_infrastructure',
  'dead_letters_pending',
  'outbox_oldest_pending_age_seconds',
  'outbox_backlog',
  'events_published_total',
  'saga_oldest_step_age_seconds',
]);
