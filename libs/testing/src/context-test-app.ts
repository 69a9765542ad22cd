import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { DatabaseTarget } from '@platform/database';
import { platformRoot } from '@platform/host';
import { configureHttp } from '@platform/http';
import { MESSAGE_TRANSPORT } from '@platform/messaging';
import { TEST_ADMIN_TOKEN } from './admin-credential';
import { createTestDatabase, type Backend } from './test-databases';
import { testEnvironment } from './test-environment';

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
  const database = await useTestDatabase(backend, { ADMIN_TOKEN: process.env.ADMIN_TOKEN ?? TEST_ADMIN_TOKEN, ...env });
  const app = await startPlatformApp(contexts);
  const url = backend === 'postgres' ? database.url : embeddedUrlOf(app);
  const db = new DataSource({ type: 'postgres', url });
  await db.initialize();
  return {
    app,
    db,
    close: async () => {
      await db.destroy();
      await app.close();
      await database.release();
    },
  };
}

export interface TestDatabaseInUse {
  /** the fresh database's URL (on PGlite, not a URL a second client can use) */
  readonly url: string;
  /** drops the database and puts the process environment back as it was */
  release(): Promise<void>;
}

/**
 * A fresh database of the test's own, named in the process environment the way a deployable
 * expects it (DATABASE_URL, or an in-memory PGlite), with `env` on top. Every test app that boots
 * the platform in this process starts here, so the environment is saved and restored in one place.
 */
export async function useTestDatabase(backend: Backend, env: NodeJS.ProcessEnv = {}): Promise<TestDatabaseInUse> {
  const saved = { ...process.env };
  const target: DatabaseTarget = await createTestDatabase(backend);
  if (backend === 'postgres') process.env.DATABASE_URL = target.url;
  else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DATA_DIR = 'memory://';
  }
  Object.assign(process.env, env);
  return {
    url: target.url,
    release: async () => {
      await target.release();
      process.env = saved;
    },
  };
}

/**
 * Boots contexts as a deployable does, from the environment the test set up: HTTP with
 * problem+json and validation, and the transport TRANSPORT names, started before it returns.
 */
export async function startPlatformApp(
  contexts: ReadonlyArray<Type<unknown> | DynamicModule>,
): Promise<INestApplication> {
  const app = await NestFactory.create(platformRoot('test', contexts, testEnvironment()), {
    logger: ['error', 'warn'],
    bodyParser: false,
    // a context that fails to start fails its test file; Nest's default (process.exit) would end
    // every file after it too, since a jest worker runs many files
    abortOnError: false,
  });
  configureHttp(app);
  app.connectMicroservice({ strategy: app.get(MESSAGE_TRANSPORT) }, { inheritAppConfig: true });
  await app.init();
  await app.startAllMicroservices();
  return app;
}

/** on PGlite every data source of the process points at the same embedded server */
function embeddedUrlOf(app: INestApplication): string {
  const ds = app.get(DataSource, { strict: false });
  return (ds.options as { url: string }).url;
}
