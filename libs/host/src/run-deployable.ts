import 'reflect-metadata';
import type { DynamicModule, Type } from '@nestjs/common';
import { SettingsError, type Environment, type SettingGroup } from '@platform/config';
import { startTracing } from '@platform/observability';
import { createPlatformApp, startPlatformApp } from '@platform/http';
import { loadDotEnv } from './dot-env';
import { environmentAtStart } from './environment-at-start';
import { platformRoot } from './platform-root';

export interface Deployable {
  /** shown in logs, metrics and traces */
  readonly service: string;
  /** the settings of the contexts it hosts, beside the platform's */
  readonly settings: readonly SettingGroup[];
  /** its contexts, chosen from the settings (the monolith's CONTEXTS) */
  readonly contexts: (env: Environment) => ReadonlyArray<Type<unknown> | DynamicModule>;
}

/**
 * What every main.ts does, its composition root: load .env, read the environment once and check
 * it against the deployable's catalogue (an unknown or malformed setting stops the start in one
 * line), print it and exit for `--print-settings`, else start tracing if configured, build the
 * root module with that environment, start HTTP and the transport.
 */
export function runDeployable(deployable: Deployable, processEnv: NodeJS.ProcessEnv, argv: readonly string[]): void {
  const main = async (): Promise<void> => {
    loadDotEnv();
    const { env, catalogue } = environmentAtStart(processEnv, deployable.settings);
    if (argv.includes('--print-settings')) {
      process.stdout.write(`${catalogue.describe(env).join('\n')}\n`);
      return;
    }
    const { service } = deployable;
    // before the app is built: the HTTP middleware and the log mixin are installed only when on
    await startTracing({ service, env });
    const app = await createPlatformApp(platformRoot(service, deployable.contexts(env), env), { service });
    await startPlatformApp(app);
  };
  main().catch((error: unknown) => {
    // the logger may not exist yet: this is the last word of a process that could not start
    process.stderr.write(`failed to start: ${describeFailure(error)}\n`);
    process.exit(1);
  });
}

/** an operator's mistake in one line; anything else with its stack */
function describeFailure(error: unknown): string {
  if (error instanceof SettingsError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
