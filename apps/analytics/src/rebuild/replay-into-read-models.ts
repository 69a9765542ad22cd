import type { DataSource } from 'typeorm';
import type { EventReplay, ReplayProgress, ReplaySummary } from '@platform/messaging';
import { ANALYTICS } from '../context';
import { PROJECTED_CONTRACTS } from '../persistence/order-facts.projection';
import { READ_MODEL_TABLES } from '../persistence/read-model-tables';
import { projectBatch, type BatchProjection } from './project-batch';

export interface ReplayIntoReadModelsOptions {
  /** Kafka only: replay only what was produced from then on */
  readonly from?: Date;
  readonly onProgress?: (progress: ReplayProgress) => void;
}

/**
 * What both rebuilds do: through the transport's replay port, empty the read models once the
 * replay may start, then run every retained record of the projected topics through `projection`,
 * a batch per transaction. Projections are idempotent and order-independent per order, so
 * overlapping with a live consumer gives the same numbers. Returns what the replay read and how
 * many of those records were projected.
 */
export async function replayIntoReadModels<Tx>(
  replay: EventReplay,
  analytics: DataSource,
  projection: BatchProjection<Tx>,
  options: ReplayIntoReadModelsOptions = {},
): Promise<{ readonly summary: ReplaySummary; readonly projected: number }> {
  let projected = 0;
  const summary = await replay.run({
    liveGroup: ANALYTICS,
    topics: PROJECTED_CONTRACTS.map((c) => c.topic),
    from: options.from,
    beforeRead: async () => void (await analytics.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`)),
    onRecords: async (records) => {
      // partitions may be read concurrently: add after the await, or one batch's count overwrites another's
      const n = await projectBatch(projection, records);
      projected += n;
    },
    onProgress: options.onProgress,
  });
  return { summary, projected };
}
