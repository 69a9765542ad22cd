import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { startTracing } from '@platform/observability';
import { createPlatformApp, loadDotEnv, startPlatformApp } from './bootstrap';
import { platformRoot } from './platform-root';

/**
 * What every main.ts does: load .env, start tracing if configured, build the root module, start
 * HTTP and the transport.
 * `contexts` is a function so it runs after .env is loaded (CONTEXTS may come from it).
 */
export function runDeployable(service: string, contexts: () => ReadonlyArray<Type<unknown> | DynamicModule>): void {
  const main = async (): Promise<void> => {
    loadDotEnv();
    // before the app is built: the HTTP middleware and the log mixin are installed only when on
    await startTracing({ service });
    const app = await createPlatformApp(platformRoot(service, contexts()), { service });
    await startPlatformApp(app);
  };
  main().catch((error: unknown) => {
    // the logger may not exist yet: this is the last word of a process that could not start
    process.stderr.write(
      `failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
