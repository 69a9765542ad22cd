import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '@platform/database';
import { configureHttp, platformRoot } from '@platform/http';
import { MESSAGE_TRANSPORT } from '@platform/messaging';
import { createTestDatabase, type Backend } from './test-databases';

export interface ContextTestApp {
  readonly app: INestApplication;
  /** a separate connection to the same database, for assertions */
  readonly db: DataSource;
  close(): Promise<void>;
}

/**
 * Boots contexts the way a deployable does (HTTP with problem+json and validation, the transport
 * TRANSPORT names: in-process unless `env` says kafka) on a database of the test's own: a fresh
 * PostgreSQL database, or an in-memory PGlite. The environment is restored on close.
 */
export async function startContextTestApp(
  backend: Backend,
  contexts: ReadonlyArray<Type<unknown> | DynamicModule>,
  env: NodeJS.ProcessEnv = {},
): Promise<ContextTestApp> {
  const saved = { ...process.env };
  const target: DatabaseTarget = await createTestDatabase(backend);
  if (backend === 'postgres') process.env.DATABASE_URL = target.url;
  else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DATA_DIR = 'memory://';
  }
  process.env.ADMIN_TOKEN ??= 'test-admin-token';
  Object.assign(process.env, env);
  const app = await NestFactory.create(platformRoot('test', contexts), {
    logger: ['error', 'warn'],
    bodyParser: false,
    // a context that fails to start fails its test file; Nest's default (process.exit) would end
    // every file after it too, since jest runs them all in one process
    abortOnError: false,
  });
  configureHttp(app);
  app.connectMicroservice({ strategy: app.get(MESSAGE_TRANSPORT) }, { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  const url = backend === 'postgres' ? target.url : embeddedUrlOf(app);
  const db = new DataSource({ type: 'postgres', url });
  await db.initialize();
  return {
    app,
    db,
    close: async () => {
      await db.destroy();
      await app.close();
      await target.release();
      process.env = saved;
    },
  };
}

/** on PGlite every data source of the process points at the same embedded server */
function embeddedUrlOf(app: INestApplication): string {
  const ds = app.get(DataSource, { strict: false });
  return (ds.options as { url: string }).url;
}
