import { ALERT_CATALOGUE, ALERT_THRESHOLDS } from './alert-catalogue';
import { snapshotOf, type Sample } from './metrics-snapshot';
import type { AlertInputs, AlertVerdict } from './alert';

const MINUTE = 60_000;
const s = (value: number, labels: Record<string, string>): Sample => ({ value, labels });
const at = (ms: number, metrics: Record<string, Sample[]>) => snapshotOf(ms, metrics);

function verdict(name: string, inputs: AlertInputs): AlertVerdict {
  const alert = ALERT_CATALOGUE.find((a) => a.name === name);
  if (!alert) throw new Error(`no alert ${name}`);
  return alert.evaluate(inputs);
}

const LAG = { group: 'payments', topic: 'orders.order-placed.v1', service: 'payments' };
const CONSUMED = { ...LAG, outcome: 'handled' };

// The in-process twin of docker/prometheus/alerts.test.yml: each alert fires on the readings that
// make its PromQL fire, and stays quiet on the ones that keep it quiet.
describe('the alert catalogue, evaluated in process (for ignored)', () => {
  it('ConsumerLagGrowing fires for a lag above the threshold that grew since the earlier reading', () => {
    const high = ALERT_THRESHOLDS.consumerLagRecords + 500;
    const earlier = at(0, { consumer_lag: [s(high - 100, LAG)] });
    const now = at(5 * MINUTE, { consumer_lag: [s(high, LAG)] });
    expect(verdict('ConsumerLagGrowing', { now, earlier })).toEqual({
      firing: true,
      details: [`group=payments topic=orders.order-placed.v1: lag ${high}, up from ${high - 100} 300 s ago`],
    });
    const falling = at(5 * MINUTE, { consumer_lag: [s(high - 200, LAG)] });
    expect(verdict('ConsumerLagGrowing', { now: falling, earlier }).firing).toBe(false);
    expect(verdict('ConsumerLagGrowing', { now }).firing).toBe(false); // no earlier reading: cannot tell
    const low = at(5 * MINUTE, { consumer_lag: [s(10, LAG)] });
    expect(verdict('ConsumerLagGrowing', { now: low, earlier: at(0, { consumer_lag: [s(1, LAG)] }) })).toEqual({
      firing: false,
      details: [`highest lag 10 (group=payments topic=orders.order-placed.v1), fires above 1000`],
    });
  });

  it('ConsumerStopped fires when records wait and nothing was consumed since the earlier reading', () => {
    const earlier = at(0, { consumer_lag: [s(50, LAG)], events_consumed_total: [s(100, CONSUMED)] });
    const stalled = at(2 * MINUTE, { consumer_lag: [s(50, LAG)], events_consumed_total: [s(100, CONSUMED)] });
    expect(verdict('ConsumerStopped', { now: stalled, earlier })).toEqual({
      firing: true,
      details: ['group=payments topic=orders.order-placed.v1: lag 50, 0 consumed since 120 s ago'],
    });
    const moving = at(2 * MINUTE, { consumer_lag: [s(50, LAG)], events_consumed_total: [s(130, CONSUMED)] });
    expect(verdict('ConsumerStopped', { now: moving, earlier }).firing).toBe(false);
    const caughtUp = at(2 * MINUTE, { consumer_lag: [s(0, LAG)], events_consumed_total: [s(100, CONSUMED)] });
    expect(verdict('ConsumerStopped', { now: caughtUp, earlier }).firing).toBe(false);
  });

  it('ConsumerWaitingOnInfrastructure fires while a group waits for its database', () => {
    const waiting = { group: 'payments', dependency: 'database' };
    expect(
      verdict('ConsumerWaitingOnInfrastructure', {
        now: at(0, { consumers_waiting_on_infrastructure: [s(1, waiting)] }),
      }),
    ).toEqual({ firing: true, details: ['group=payments dependency=database: waiting 1 > 0'] });
    const resumed = at(0, { consumers_waiting_on_infrastructure: [s(0, waiting)] });
    expect(verdict('ConsumerWaitingOnInfrastructure', { now: resumed }).firing).toBe(false);
  });

  it('DeadLettersPending fires while a letter is pending', () => {
    const table = { context: 'payments', group: 'payments' };
    expect(verdict('DeadLettersPending', { now: at(0, { dead_letters_pending: [s(2, table)] }) })).toEqual({
      firing: true,
      details: ['context=payments group=payments: pending 2 > 0'],
    });
    expect(verdict('DeadLettersPending', { now: at(0, { dead_letters_pending: [s(0, table)] }) })).toEqual({
      firing: false,
      details: ['highest pending 0 (context=payments group=payments), fires above 0'],
    });
  });

  it('OutboxRowsTooOld fires for a row older than the bound', () => {
    const bound = ALERT_THRESHOLDS.outboxOldestAgeSeconds;
    const age = (v: number) => at(0, { outbox_oldest_pending_age_seconds: [s(v, { context: 'orders' })] });
    expect(verdict('OutboxRowsTooOld', { now: age(bound + 1) }).firing).toBe(true);
    expect(verdict('OutboxRowsTooOld', { now: age(0.5) }).firing).toBe(false);
  });

  it('RelayStopped fires when rows wait and the context published nothing since the earlier reading', () => {
    const backlog = (v: number) => [s(v, { context: 'orders' })];
    const published = (v: number) => [s(v, { producer: 'orders', topic: 'orders.order-placed.v1' })];
    const earlier = at(0, { outbox_backlog: backlog(5), events_published_total: published(100) });
    const stuck = at(MINUTE, { outbox_backlog: backlog(5), events_published_total: published(100) });
    expect(verdict('RelayStopped', { now: stuck, earlier })).toEqual({
      firing: true,
      details: ['context=orders: 5 rows waiting, 0 published since 60 s ago'],
    });
    const moving = at(MINUTE, { outbox_backlog: backlog(5), events_published_total: published(140) });
    expect(verdict('RelayStopped', { now: moving, earlier }).firing).toBe(false);
  });

  it('SagaStepPastTimeout fires for a saga waiting for payment past its timeout, never for the carrier', () => {
    const late = ALERT_THRESHOLDS.sagaStepAgeSeconds + 1;
    const step = (state: string) => at(0, { saga_oldest_step_age_seconds: [s(late, { saga: 'order', state })] });
    expect(verdict('SagaStepPastTimeout', { now: step('awaiting_payment') }).firing).toBe(true);
    expect(verdict('SagaStepPastTimeout', { now: step('awaiting_delivery') }).firing).toBe(false);
  });

  it('DeployableDown stays quiet in process: only Prometheus sees a deployable stop', () => {
    expect(verdict('DeployableDown', { now: at(0, {}) }).firing).toBe(false);
  });

  it('names every alert once, each with a runbook that points at its docs section', () => {
    const names = ALERT_CATALOGUE.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const alert of ALERT_CATALOGUE)
      expect(alert.runbook).toContain(`docs/operations.md#${alert.name.toLowerCase()}`);
  });
});
