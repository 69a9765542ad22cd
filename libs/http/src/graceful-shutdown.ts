import type { Server } from 'node:http';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { intSetting } from '@platform/config';

/**
 * On SIGTERM/SIGINT: stop accepting connections (in-flight requests finish), then let Nest drain
 * the transports, stop the relays and close the databases (ShutdownCoordinator). If that takes
 * longer than SHUTDOWN_TIMEOUT_MS the process exits non-zero: whatever was not committed is
 * redelivered after restart, so nothing is lost either way. Later signals are ignored while it drains.
 */
export function installGracefulShutdown(app: INestApplication, logger: LoggerService): void {
  let shuttingDown = false;
  const timeoutMs = intSetting('SHUTDOWN_TIMEOUT_MS', 25_000);
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
      const server = app.getHttpServer() as Server;
      server.close();
      server.closeIdleConnections();
      await app.close();
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
