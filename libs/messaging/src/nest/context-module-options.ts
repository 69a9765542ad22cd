import type { Environment } from '@platform/config';
import type { ContextDatabaseOptions } from '@platform/database';
import type { EnvelopeCodec } from '@platform/events';
import type { PlatformMetrics, ReadinessChecks } from '@platform/observability';
import type { RecordPublisher } from '@platform/outbox';
import type { ConsumerGroups } from '../pipeline/consumer-groups';
import type { RetentionJob } from '../retention/retention-job';
import type { ShadowSettings } from '../shadow/shadow-settings';
import type { ShutdownCoordinator } from './shutdown-coordinator';

export interface ContextModuleOptions {
  /** the context's name: its schema, its consumer group and the `producer` of its events */
  readonly name: string;
  readonly entities?: ContextDatabaseOptions['entities'];
  readonly migrations?: ContextDatabaseOptions['migrations'];
  /**
   * Tables of the context's own to keep bounded, beside the inbox and the dead letters that every
   * context prunes; called once at start, so settings are read then (each job needs an index that
   * finds its expired rows, added by one of the context's migrations).
   */
  readonly retention?: (env: Environment) => readonly RetentionJob[];
  /**
   * Whether the context's consumer commits the records that arrive together in one transaction
   * (ConsumerTransactions; default true). Say false for a handler that calls an outside system
   * record by record inside its transaction: a set's calls would then wait for each other. A set
   * handler (@OnEvents) that makes its set's calls side by side, keeping what they answered for
   * the run apart (OutsideCalls), needs no opt-out: payments, shipping and notifications do that.
   */
  readonly batchConsumerTransactions?: boolean;
}

/** what a context's resources are built with: the process-wide services and settings */
export interface PlatformServices {
  readonly codec: EnvelopeCodec;
  readonly publisher: RecordPublisher;
  readonly groups: ConsumerGroups;
  readonly readiness: ReadinessChecks;
  readonly shutdown: ShutdownCoordinator;
  readonly metrics: PlatformMetrics;
  /** SHADOW=true (ADR 0021): the relay stays stopped, so the outbox records what would be published */
  readonly shadow: ShadowSettings;
  readonly transport: 'inprocess' | 'kafka';
  /** the environment the composition root read */
  readonly env: Environment;
}
