import { databaseBackends, type Backend } from '@platform/testing';
import { LIFECYCLE_SETTINGS, orderLifecycleScenarios } from './support/order-lifecycle-scenarios';
import { startPlatform, type RunningPlatform } from './support/running-platform';

/**
 * The order lifecycle in the single binary, every context in one process on the in-process
 * transport, driven over HTTP with the client typed from the OpenAPI document. Shipments move
 * only when the test advances them (SHIPPING_AUTO_ADVANCE=false), so every step is deterministic.
 * The scenarios are shared with the Kafka deployments (order-lifecycle-kafka-*.e2e-spec.ts).
 */
describe.each(databaseBackends())('order lifecycle in the single binary on %s', (backend: Backend) => {
  let p: RunningPlatform;

  beforeAll(async () => {
    p = await startPlatform(backend, LIFECYCLE_SETTINGS);
  });

  afterAll(async () => {
    await p?.stop();
  });

  orderLifecycleScenarios(() => p);
});
