import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Closes what the platform opened, in one explicit order, after Nest has closed the HTTP server
 * and drained the transports: first every context (relay, then database), then the shared
 * messaging store. Nest's per-module hook order is not something to rely on for this.
 */
@Injectable()
export class ShutdownCoordinator implements OnApplicationShutdown {
  private readonly logger = new Logger(ShutdownCoordinator.name);
  private readonly contexts: Array<{ name: string; close: () => Promise<void> }> = [];
  private readonly shared: Array<{ name: string; close: () => Promise<void> }> = [];

  onContextClose(name: string, close: () => Promise<void>): void {
    this.contexts.push({ name, close });
  }

  onSharedClose(name: string, close: () => Promise<void>): void {
    this.shared.push({ name, close });
  }

  async onApplicationShutdown(): Promise<void> {
    for (const { name, close } of [...this.contexts.reverse(), ...this.shared.reverse()]) {
      try {
        await close();
      } catch (error) {
        this.logger.error(`closing ${name} failed: ${(error as Error).message}`);
      }
    }
    this.contexts.length = 0;
    this.shared.length = 0;
  }
}
