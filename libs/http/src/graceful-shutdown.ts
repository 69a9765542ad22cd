import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Environment } from '@platform/config';
import { HTTP_SETTINGS } from './http-settings';

/**
 * On SIGTERM/SIGINT: stop consuming first, then stop accepting connections (in-flight requests
 * finish), then let Nest close the rest: relays and databases (ShutdownCoordinator). If that takes
 * longer than SHUTDOWN_TIMEOUT_MS the process exits non-zero: whatever was not committed is
 * redelivered after restart, so nothing is lost either way. Later signals are ignored while it drains.
 *
 * Consuming stops before HTTP drains, not after as Nest's own order has it: on Kafka that is the
 * moment the member leaves its groups, and the sooner it leaves the sooner the group rebalances
 * its partitions to the instances that stay (ADR 0022). A keep-alive client that keeps asking
 * (a load balancer's pool) would otherwise hold the HTTP server, and the leave behind it, until
 * the shutdown timeout, and the group would wait a session timeout more for a member that died.
 */
export function installGracefulShutdown(
  app: INestApplication,
  logger: LoggerService,
  env: Environment,
  stopConsuming: () => Promise<void> = async () => undefined,
): void {
  let shuttingDown = false;
  const timeoutMs = HTTP_SETTINGS.read(env).SHUTDOWN_TIMEOUT_MS;
  const shutdown = async (signal: string): Promise<void> => {
    if (shuttingDown) {
      // Ctrl-C reaches the whole process group, so npm forwards a second SIGINT: one drain is enough
      logger.log(`${signal} received again: still draining`, 'Shutdown');
      return;
    }
    shuttingDown = true;
    logger.log(`${signal} received: draining`, 'Shutdown');
    const force = setTimeout(() => {
      logger.error(`shutdown took longer than ${timeoutMs} ms; exiting`, undefined, 'Shutdown');
      process.exit(1);
    }, timeoutMs);
    force.unref();
    try {
      await drainForShutdown(app, stopConsuming, logger);
      logger.log('shutdown complete', 'Shutdown');
      process.exitCode = 0;
    } catch (error) {
      logger.error(`shutdown failed: ${(error as Error).message}`, (error as Error).stack, 'Shutdown');
      process.exitCode = 1;
    }
  };
  // `on`, not `once`: with no listener left, a second signal would kill the process mid-drain
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * The drain without the signals and the timeout: consumers stop while HTTP stops taking
 * connections, then Nest closes the rest. Requests still arriving on kept-alive connections are
 * answered, and their connections closed, so no client holds the server open.
 */
export async function drainForShutdown(
  app: Pick<INestApplication, 'getHttpServer' | 'close'>,
  stopConsuming: () => Promise<void>,
  logger: LoggerService,
): Promise<void> {
  const server = app.getHttpServer() as Server;
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) =>
    response.setHeader('Connection', 'close'),
  );
  server.close();
  server.closeIdleConnections();
  await stopConsuming().catch((error: Error) =>
    logger.error(`stopping the consumers failed: ${error.message}`, error.stack, 'Shutdown'),
  );
  await app.close();
}
