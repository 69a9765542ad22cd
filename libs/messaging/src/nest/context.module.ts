import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ENVIRONMENT, type Environment } from '@platform/config';
import { TransactionRunner } from '@platform/database';
import { EnvelopeCodec } from '@platform/events';
import { PlatformMetrics, ReadinessChecks } from '@platform/observability';
import { OutboxRelay, OutboxWriter, RECORD_PUBLISHER, type RecordPublisher } from '@platform/outbox';
import { ConsumerGroups } from '../pipeline/consumer-groups';
import { RetentionSweeper } from '../retention/retention-sweeper';
import type { ContextModuleOptions } from './context-module-options';
import { ContextResources, openContextResources } from './context-resources';
import { PLATFORM_CONFIG, type PlatformConfig } from './platform-config';
import { ShutdownCoordinator } from './shutdown-coordinator';

export const CONTEXT_NAME = Symbol('CONTEXT_NAME');
/** the options a context module passed to `forContext`, kept so tools can read them (contextModuleOptionsOf) */
export const CONTEXT_MODULE_OPTIONS = Symbol('CONTEXT_MODULE_OPTIONS');

/**
 * Everything one bounded context needs from the platform, scoped to it: its data source in its
 * own schema (outbox, inbox and dead letters migrated beside its own tables), a transaction
 * runner, an outbox writer, its relay, its consumer group, and the retention of its inbox, dead
 * letters and whatever tables it names in `retention`. A context module imports
 * `ContextModule.forContext({ name, entities, migrations })` and injects TransactionRunner,
 * OutboxWriter and DataSource without knowing which database or transport is behind them.
 */
@Module({})
export class ContextModule {
  static forContext(options: ContextModuleOptions): DynamicModule {
    return {
      module: ContextModule,
      providers: [
        { provide: CONTEXT_NAME, useValue: options.name },
        { provide: CONTEXT_MODULE_OPTIONS, useValue: options },
        {
          provide: ContextResources,
          useFactory: (
            codec: EnvelopeCodec,
            publisher: RecordPublisher,
            groups: ConsumerGroups,
            readiness: ReadinessChecks,
            shutdown: ShutdownCoordinator,
            metrics: PlatformMetrics,
            config: PlatformConfig,
            env: Environment,
          ) =>
            openContextResources(options, {
              codec,
              publisher,
              groups,
              readiness,
              shutdown,
              metrics,
              shadow: config.shadow,
              transport: config.transport,
              env,
            }),
          inject: [
            EnvelopeCodec,
            RECORD_PUBLISHER,
            ConsumerGroups,
            ReadinessChecks,
            ShutdownCoordinator,
            PlatformMetrics,
            PLATFORM_CONFIG,
            ENVIRONMENT,
          ],
        },
        { provide: DataSource, useFactory: (r: ContextResources) => r.dataSource, inject: [ContextResources] },
        { provide: TransactionRunner, useFactory: (r: ContextResources) => r.transactions, inject: [ContextResources] },
        { provide: OutboxWriter, useFactory: (r: ContextResources) => r.outbox, inject: [ContextResources] },
        { provide: OutboxRelay, useFactory: (r: ContextResources) => r.relay, inject: [ContextResources] },
        { provide: RetentionSweeper, useFactory: (r: ContextResources) => r.retention, inject: [ContextResources] },
      ],
      exports: [CONTEXT_NAME, DataSource, TransactionRunner, OutboxWriter, OutboxRelay, RetentionSweeper],
    };
  }
}

/**
 * The options a context's root module passed to `ContextModule.forContext` (its name and its
 * migrations), read from its `@Module` metadata without starting Nest: the migration CLI opens a
 * context's schema on another server with the context's own migrations, the list it declares once.
 */
export function contextModuleOptionsOf(contextModule: Type<unknown>): ContextModuleOptions | undefined {
  const imports = (Reflect.getMetadata('imports', contextModule) ?? []) as unknown[];
  for (const imported of imports) {
    const dynamic = imported as Partial<DynamicModule> | undefined;
    if (dynamic?.module !== ContextModule) continue;
    for (const provider of dynamic.providers ?? []) {
      const candidate = provider as { provide?: unknown; useValue?: ContextModuleOptions };
      if (candidate.provide === CONTEXT_MODULE_OPTIONS) return candidate.useValue;
    }
  }
  return undefined;
}
