import { ALERT_THRESHOLDS, SAGA_STEPS_WITH_TIMEOUT } from '@platform/observability';
import { SAGA_STEPS } from '../persistence/saga.repository';
import { ORDERS_SETTING_GROUP } from '../orders.settings';

// SagaStepPastTimeout (libs/observability/src/alerts) cannot read this context's settings: its
// threshold is a number in the catalogue. This keeps the two from drifting apart.
describe('the SagaStepPastTimeout alert against the saga it watches', () => {
  it("fires only past the saga's default timeout plus its sweep", () => {
    const { ORDERS_SAGA_TIMEOUT_MS, ORDERS_SAGA_SWEEP_MS } = ORDERS_SETTING_GROUP.read({});
    expect(ALERT_THRESHOLDS.sagaStepAgeSeconds * 1000).toBeGreaterThan(ORDERS_SAGA_TIMEOUT_MS + ORDERS_SAGA_SWEEP_MS);
  });

  it("watches saga steps that exist, and not the carrier's", () => {
    for (const step of SAGA_STEPS_WITH_TIMEOUT) expect(SAGA_STEPS).toContain(step);
    expect(SAGA_STEPS_WITH_TIMEOUT).not.toContain('awaiting_dispatch');
    expect(SAGA_STEPS_WITH_TIMEOUT).not.toContain('awaiting_delivery');
  });
});
