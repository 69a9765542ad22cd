import { existsSync } from 'node:fs';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { MESSAGE_TRANSPORT } from '@platform/messaging';
import { activeTracing, httpTracing } from '@platform/observability';
import { useAdminToken } from './admin-auth.guard';
import { adminTokenPath, loadOrCreateAdminToken } from './admin-token';
import { answerMalformedHttp } from './edge/malformed-http';
import { inspectRequests, parserRefusals, requireJsonBodies } from './edge/request-edge';
import { securityHeaders } from './edge/security-headers';
import { installGracefulShutdown } from './graceful-shutdown';
import { ProblemDetailsFilter } from './problem-details.filter';
import { StorableParamsPipe } from './storable-params.pipe';
import { setupOpenApi } from './swagger';
import { strictValidationPipe } from './validation';
import { intSetting, stringSetting } from '@platform/config';

/** deeper than any request of ours, far shallower than what overflows validation's recursion */
const MAX_BODY_DEPTH = 512;

export interface BootstrapOptions {
  /** shown in logs, metrics and the OpenAPI title */
  readonly service: string;
}

/** Loads `.env` when present (Node's own loader; real environment variables win). */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
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
  announceAdminToken(app.get(Logger));
  setupOpenApi(app, `Order platform: ${options.service}`);
  app.connectMicroservice({ strategy: app.get(MESSAGE_TRANSPORT) }, { inheritAppConfig: true });
  return app;
}

export function configureHttp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  // first of all middleware, so the body parser and everything after it run inside the request's span
  const tracing = activeTracing();
  if (tracing) app.use(httpTracing(tracing));
  answerMalformedHttp(app.getHttpServer());
  app.use(securityHeaders());
  // the edge, in order: a body must be JSON, parse it (its refusals coded), then bound what it holds
  const bodyLimit = stringSetting('HTTP_BODY_LIMIT', '100kb');
  const maxDepth = intSetting('HTTP_BODY_MAX_DEPTH', 32);
  if (maxDepth > MAX_BODY_DEPTH) throw new Error(`HTTP_BODY_MAX_DEPTH must be at most ${MAX_BODY_DEPTH}`);
  app.use(requireJsonBodies());
  (app as INestApplication & { useBodyParser(type: string, options: object): void }).useBodyParser('json', {
    limit: bodyLimit,
    type: ['application/json', 'application/*+json'],
  });
  app.use(parserRefusals());
  app.use(inspectRequests(maxDepth));
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new StorableParamsPipe(), strictValidationPipe());
}

/**
 * The admin token at start: ADMIN_TOKEN, the one kept beside the data directory, or a new one
 * kept from now on and printed this once (admin-token.ts).
 */
function announceAdminToken(logger: Logger): void {
  const { token, source } = loadOrCreateAdminToken();
  useAdminToken(token);
  if (source === 'created') {
    logger.warn(
      `ADMIN_TOKEN is not set; admin endpoints accept this generated token, kept in ${adminTokenPath()}: ${token}`,
      'AdminToken',
    );
  } else if (source === 'file') {
    logger.log(`ADMIN_TOKEN is not set; admin endpoints accept the token kept in ${adminTokenPath()}`, 'AdminToken');
  }
}

export async function startPlatformApp(app: INestApplication): Promise<void> {
  // bootstrap hooks first: CqrsModule registers the command handlers there, and the transport
  // must not hand an event to a handler whose command has nowhere to go yet
  await app.init();
  await app.startAllMicroservices();
  const port = intSetting('PORT', 3000, { min: 0 });
  const host = stringSetting('HOST', '0.0.0.0');
  await app.listen(port, host);
  const logger = app.get(Logger);
  installGracefulShutdown(app, logger);
  logger.log(`listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port} (docs at /docs)`, 'Bootstrap');
}
