import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import createClient from 'openapi-fetch';
import { DataSource } from 'typeorm';
import { MonolithModule } from '../../../apps/monolith/src/monolith.module';
import { createPlatformApp } from '@platform/http';
import { InProcessTransport } from '@platform/messaging';
import { testEnvironment, useTestDatabase, type Backend } from '@platform/testing';
import type { paths } from '../api/schema';
import type { PlatformUnderTest } from './platform-under-test';

export const ADMIN_TOKEN = 'e2e-admin-token';

/** Settings that make the order flow fast enough to test end to end, without changing what it does. */
export const FAST_FLOW: NodeJS.ProcessEnv = {
  ADMIN_TOKEN,
  CONSUMER_RETRY_BASE_MS: '10',
  CONSUMER_RETRY_MAX_MS: '200',
  CONSUMER_MAX_ATTEMPTS: '50',
  SHIPPING_DISPATCH_AFTER_MS: '300',
  SHIPPING_DELIVER_AFTER_MS: '600',
  SHIPPING_TICK_MS: '50',
  PAYMENTS_PROCESSOR_TIMEOUT_MS: '200',
  ORDERS_SAGA_SWEEP_MS: '100',
  OUTBOX_IDLE_POLL_MS: '200',
  INPROCESS_IDLE_POLL_MS: '200',
};

export interface RunningPlatform extends PlatformUnderTest {
  readonly baseUrl: string;
  readonly app: INestApplication;
  stop(): Promise<void>;
}

/**
 * The single binary, every context in one process on the in-process transport, listening on an
 * ephemeral port, driven over real HTTP by a client typed from the OpenAPI document.
 */
export async function startPlatform(backend: Backend, env: NodeJS.ProcessEnv = {}): Promise<RunningPlatform> {
  const database = await useTestDatabase(backend, { ...FAST_FLOW, ...env });
  const app = await createPlatformApp(MonolithModule.forRoot(testEnvironment()), { service: 'monolith' });
  await app.init(); // command handlers are registered at bootstrap, before the transport delivers
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const url =
    backend === 'postgres' ? database.url : (app.get(DataSource, { strict: false }).options as { url: string }).url;
  const db = new DataSource({ type: 'postgres', url });
  await db.initialize();
  return {
    app,
    db,
    baseUrl,
    api: createClient<paths>({ baseUrl }),
    admin: createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } }),
    describeBusyConsumers: () =>
      app
        .get(InProcessTransport, { strict: false })
        .describeWorkers()
        .filter((w) => (w.activity !== 'waiting' && w.forMs > 1_000) || w.unfinished > 0 || w.failuresInARow > 0)
        .map(
          (w) =>
            `${w.group} ${w.topic}:${w.partition} next ${w.next ?? '?'}: ${w.activity} for ${w.forMs} ms, ` +
            `${w.unfinished} unfinished, ${w.failuresInARow} failures in a row`,
        )
        .join('\n'),
    stop: async () => {
      await db.destroy();
      await app.close();
      await database.release();
    },
  };
}
