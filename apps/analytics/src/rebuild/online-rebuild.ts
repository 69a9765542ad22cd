import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnvelopeCodec } from '@platform/events';
import { ProblemException } from '@platform/http';
import { InProcessLog, InProcessTransport } from '@platform/messaging';
import { ANALYTICS } from '../context';
import { rebuildReadModels, type RebuildProgress, type RebuildSummary } from './rebuild-read-models';

/** where the online rebuild stands, as `GET /admin/analytics/rebuild` answers */
export interface RebuildStatus {
  readonly state: 'idle' | 'running' | 'succeeded' | 'failed';
  readonly startedAt?: string;
  readonly finishedAt?: string;
  /** records replayed so far, of `total` retained when it started */
  readonly done: number;
  readonly total: number;
  readonly projected?: number;
  readonly skipped?: number;
  readonly partitions?: number;
  readonly elapsedMs: number;
  readonly error?: string;
}

/**
 * The analytics rebuild inside the running platform (in-process transport), so an operator never
 * opens the embedded database from a second process: it pauses only the analytics consumer group
 * (its workers finish their records and commit), empties the read models, replays the retained
 * log through the handlers' projection, and resumes the group from its committed offsets. What
 * arrived meanwhile waited in the log and is applied after; the projection is idempotent, so the
 * records the replay already covered change nothing when the consumer applies them again.
 * Every other context goes on serving orders throughout.
 *
 * On Kafka the consumer may run in another process, so the rebuild stays a CLI there
 * (`npm run analytics:rebuild`, ADR 0011).
 */
@Injectable()
export class OnlineRebuild {
  private readonly logger = new Logger(OnlineRebuild.name);
  private current: RebuildStatus = { state: 'idle', done: 0, total: 0, elapsedMs: 0 };
  private running?: Promise<void>;

  constructor(
    private readonly analytics: DataSource,
    private readonly codec: EnvelopeCodec,
    @Optional() @Inject(InProcessTransport) private readonly transport?: InProcessTransport,
    @Optional() @Inject(InProcessLog) private readonly log?: InProcessLog,
  ) {}

  status(): RebuildStatus {
    return this.current;
  }

  /** starts a rebuild in the background; refused while one runs, and on Kafka */
  start(): RebuildStatus {
    const { transport, log } = this;
    if (!transport || !log) {
      throw new ProblemException({
        status: 409,
        code: 'ANALYTICS.REBUILD_OFFLINE_ONLY',
        detail:
          'On Kafka the analytics consumer may run in another process: stop it and run `npm run analytics:rebuild` ' +
          '(apps/analytics/README.md#rebuild).',
      });
    }
    if (this.current.state === 'running') {
      throw new ProblemException({
        status: 409,
        code: 'ANALYTICS.REBUILD_RUNNING',
        detail: 'A rebuild is running already: follow it with GET /admin/analytics/rebuild.',
      });
    }
    const startedAt = new Date().toISOString();
    this.current = { state: 'running', startedAt, done: 0, total: 0, elapsedMs: 0 };
    this.running = this.run(transport, log, startedAt);
    return this.current;
  }

  /** resolves when the rebuild in progress (if any) has finished (shutdown, tests) */
  async settled(): Promise<void> {
    await this.running;
  }

  private async run(transport: InProcessTransport, log: InProcessLog, startedAt: string): Promise<void> {
    try {
      await transport.pauseGroup(ANALYTICS);
      try {
        const summary = await rebuildReadModels({
          analytics: this.analytics,
          replay: log.replay(),
          codec: this.codec,
          onProgress: (progress) => this.progressed(startedAt, progress),
        });
        this.finished(startedAt, summary);
      } finally {
        transport.resumeGroup(ANALYTICS);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`analytics rebuild failed: ${message}`);
      this.current = { ...this.current, state: 'failed', finishedAt: new Date().toISOString(), error: message };
    }
  }

  private progressed(startedAt: string, progress: RebuildProgress): void {
    this.current = { state: 'running', startedAt, ...progress };
  }

  private finished(startedAt: string, summary: RebuildSummary): void {
    this.current = { state: 'succeeded', startedAt, finishedAt: new Date().toISOString(), ...summary };
    this.logger.log(
      `analytics read models rebuilt: ${summary.projected} event(s) projected, ${summary.skipped} skipped, ` +
        `from ${summary.partitions} partition(s) in ${(summary.elapsedMs / 1000).toFixed(1)} s`,
    );
  }
}
