import type { DataSource, EntityManager } from 'typeorm';
import type { EnvelopeCodec } from '@platform/events';
import { MESSAGING_SCHEMA } from '@platform/messaging';
import { PROJECTED_CONTRACTS, projectOrderEvent } from '../persistence/order-facts.projection';
import { READ_MODEL_TABLES } from '../persistence/read-model-tables';
import { projectBatch, type BatchProjection } from './project-batch';
import { RetainedLog } from './retained-log';

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
  /** a data source on the database holding the in-process log */
  readonly log: DataSource;
  readonly logSchema?: string;
  readonly codec: EnvelopeCodec;
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** records read, and projected in one transaction, at a time */
  readonly pageSize?: number;
}

/**
 * Empties the read models and replays every retained record of the projected topics through
 * the handlers' own projection, each partition in offset order.
 *
 * The tables are emptied first and the ranges counted after, so an event a live consumer (in
 * another process) applied before the truncation is in the ranges and replayed; one it applies
 * after stays. Projections are idempotent and order-independent per order, so overlapping with
 * the live consumer gives the same numbers. No transaction is held while reading the log: on the
 * embedded PGlite that would deadlock (docs/adr/0003).
 */
export async function rebuildReadModels(options: RebuildOptions): Promise<RebuildSummary> {
  const started = Date.now();
  const log = new RetainedLog(options.log, options.logSchema ?? MESSAGING_SCHEMA);
  await options.analytics.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
  const ranges = await log.ranges(PROJECTED_CONTRACTS.map((c) => c.topic));
  const total = ranges.reduce((sum, r) => sum + r.count, 0);
  let done = 0;
  let projected = 0;
  const report = (): void => options.onProgress?.({ done, total, elapsedMs: Date.now() - started });
  // one transaction per page, through the handlers' own projection
  const projection: BatchProjection<EntityManager> = {
    decoder: options.codec,
    transaction: (work) => options.analytics.transaction(work),
    project: (envelope, manager) => projectOrderEvent(manager, envelope),
  };
  report();
  for (const range of ranges) {
    for await (const page of log.pages(range, options.pageSize ?? 500)) {
      projected += await projectBatch(projection, page);
      done += page.length;
      report();
    }
  }
  return {
    done,
    total,
    projected,
    skipped: done - projected,
    partitions: ranges.length,
    elapsedMs: Date.now() - started,
  };
}
