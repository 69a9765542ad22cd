import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { CustomTransportStrategy } from '@nestjs/microservices';
import { NestFactory } from '@nestjs/core';
import { ENVIRONMENT, type Environment } from '@platform/config';
import { Logger } from 'nestjs-pino';
import type { AddressInfo } from 'node:net';
import { describeEmbeddedOwner } from '@platform/database';
import { MESSAGE_TRANSPORT } from '@platform/messaging';
import { activeTracing, httpTracing } from '@platform/observability';
import { useAdminToken } from './admin-auth.guard';
import { adminTokenPath, loadOrCreateAdminToken } from './admin-token';
import { installHttpEdge } from './edge/http-edge';
import { installGracefulShutdown } from './graceful-shutdown';
import { HTTP_SETTINGS } from './http-settings';
import { ProblemDetailsFilter } from './problem-details.filter';
import { StorableParamsPipe } from './storable-params.pipe';
import { setupOpenApi } from './swagger';
import { strictValidationPipe } from './validation';

export interface BootstrapOptions {
  /** shown in logs, metrics and the OpenAPI title */
  readonly service: string;
}

/**
 * Creates a deployable around a root module: HTTP with problem+json errors and strict
 * validation, OpenAPI, the transport consuming every @OnEvent handler, graceful shutdown.
 * Used by the monolith and by every context's own main.ts alike.
 */
export async function createPlatformApp(
  root: Type<unknown> | DynamicModule,
  options: BootstrapOptions,
): Promise<INestApplication> {
  const app = await NestFactory.create(root, { bufferLogs: true, bodyParser: false });
  configureHttp(app);
  announceAdminToken(app.get(Logger), app.get<symbol, Environment>(ENVIRONMENT));
  setupOpenApi(app, `Order platform: ${options.service}`);
  app.connectMicroservice({ strategy: app.get(MESSAGE_TRANSPORT) }, { inheritAppConfig: true });
  return app;
}

export function configureHttp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  // first of all middleware, so the body parser and everything after it run inside the request's span
  const tracing = activeTracing();
  if (tracing) app.use(httpTracing(tracing));
  installHttpEdge(app, app.get<symbol, Environment>(ENVIRONMENT));
  app.useGlobalFilters(new ProblemDetailsFilter());
  // text PostgreSQL cannot store in a path parameter first, then the DTO's validation
  app.useGlobalPipes(new StorableParamsPipe(), strictValidationPipe());
}

/**
 * The admin token at start: ADMIN_TOKEN, the one kept beside the data directory, or a new one
 * kept from now on and printed this once (admin-token.ts).
 */
function announceAdminToken(logger: Logger, env: Environment): void {
  const { token, source } = loadOrCreateAdminToken(env);
  useAdminToken(token);
  if (source === 'created') {
    logger.warn(
      `ADMIN_TOKEN is not set; admin endpoints accept this generated token, kept in ${adminTokenPath(env)}: ${token}`,
      'AdminToken',
    );
  } else if (source === 'file') {
    logger.log(`ADMIN_TOKEN is not set; admin endpoints accept the token kept in ${adminTokenPath(env)}`, 'AdminToken');
  }
}

export async function startPlatformApp(app: INestApplication): Promise<void> {
  // bootstrap hooks first: CqrsModule registers the command handlers there, and the transport
  // must not hand an event to a handler whose command has nowhere to go yet
  await app.init();
  await app.startAllMicroservices();
  const env = app.get<symbol, Environment>(ENVIRONMENT);
  const { PORT: port, HOST: host } = HTTP_SETTINGS.read(env);
  await app.listen(port, host);
  describeEmbeddedOwner({ http: localUrlOf(app) });
  const logger = app.get(Logger);
  // the transport's close is idempotent: Nest calls it again in app.close()
  installGracefulShutdown(app, logger, env, async () => {
    await app.get<symbol, CustomTransportStrategy>(MESSAGE_TRANSPORT).close();
  });
  logger.log(`listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port} (docs at /docs)`, 'Bootstrap');
}

/** where a process on this machine reaches the app (the operations CLIs, through the data folder's lock) */
function localUrlOf(app: INestApplication): string {
  const { address, port, family } = app.getHttpServer().address() as AddressInfo;
  const wildcard = address === '0.0.0.0' || address === '::';
  const host = wildcard ? '127.0.0.1' : family === 'IPv6' ? `[${address}]` : address;
  return `http://${host}:${port}`;
}
