import type { DataSource, EntityManager } from 'typeorm';
import type { EnvelopeCodec } from '@platform/events';
import type { EventReplay } from '@platform/messaging';
import { projectOrderEvent } from '../persistence/order-facts.projection';
import type { BatchProjection } from './project-batch';
import { replayIntoReadModels } from './replay-into-read-models';

export interface RebuildProgress {
  /** records replayed so far (projected or skipped) */
  readonly done: number;
  /** records retained in the replayed topics when the rebuild started */
  readonly total: number;
  readonly elapsedMs: number;
}

export interface RebuildSummary extends RebuildProgress {
  readonly projected: number;
  /** undecodable records and events the projection refuses for good (the live consumer dead-letters them) */
  readonly skipped: number;
  readonly partitions: number;
}

export interface RebuildOptions {
  /** the analytics context's data source (schema `analytics`) */
  readonly analytics: DataSource;
  /** the in-process log's replay port (InProcessLog.replay, InProcessLogReplay) */
  readonly replay: EventReplay;
  readonly codec: EnvelopeCodec;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

/**
 * The in-process rebuild: empties the read models and replays every retained record of the
 * projected topics through the handlers' own projection, each partition in offset order, one
 * transaction per page. It leaves every group's offsets alone, so a live consumer carries on.
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildSummary> {
  const projection: BatchProjection<EntityManager> = {
    decoder: options.codec,
    transaction: (work) => options.analytics.transaction(work),
    project: (envelope, manager) => projectOrderEvent(manager, envelope),
  };
  const { summary, projected } = await replayIntoReadModels(options.replay, options.analytics, projection, {
    onProgress: ({ done, total, elapsedMs }) => options.onProgress?.({ done, total, elapsedMs }),
  });
  return {
    done: summary.read,
    total: summary.total,
    projected,
    skipped: summary.read - projected,
    partitions: summary.partitions.length,
    elapsedMs: summary.elapsedMs,
  };
}
