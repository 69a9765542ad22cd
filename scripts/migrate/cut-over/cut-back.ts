import type { Client } from 'pg';
import { EXIT, Refusal } from '../exit-codes';
import type { CutOverOptions, CutOverOutput, CutOverParts } from './cut-over-parts';
import { offsetGaps } from './offset-gaps';
import { readPromotion } from './shadow-promotion';

/**
 * `cut-over --back` (ADR 0023): undoes a cut-over whose new deployment has not processed or
 * published anything yet: L goes back into the live group and the shadow run is no longer
 * promoted, so the old live deployment starts where it stopped. Once the new deployment did work,
 * the live database misses it and going back is a cut-over the other way (docs/deploy.md).
 */
export async function cutBack(
  context: string,
  options: CutOverOptions,
  output: CutOverOutput,
  parts: CutOverParts,
): Promise<number> {
  const { shadow, run, committed, takeover } = parts;
  const promoted = await readPromotion(shadow, context);
  if (!promoted)
    throw new Refusal(`the shadow run of ${context} is not promoted: there is no cut-over to go back from`);
  const liveNow = await committed(run.liveGroup);
  if (!offsetGaps(liveNow, promoted.record.shadowOffsets).every((g) => g.ahead === 0))
    throw new Refusal(
      `the live group ${run.liveGroup} is past the cut-over's S: the new deployment processed records the live ` +
        `database never saw. Going back now is a cut-over the other way (docs/deploy.md#cut-over)`,
    );
  const work = await workSincePromotion(shadow, context);
  if (work > 0)
    throw new Refusal(
      `the new deployment processed or published ${work} record(s) since the cut-over at ${promoted.at.toISOString()}: ` +
        `the live database never saw them. Going back now is a cut-over the other way (docs/deploy.md#cut-over)`,
    );
  output.out(`going back from the cut-over at ${promoted.at.toISOString()}: the new deployment did nothing since`);
  if (options.dryRun) {
    output.out('dry run: nothing was changed; a real run would commit L into the live group and unmark the promotion');
    return EXIT.done;
  }
  await takeover.commit(run.liveGroup, promoted.record.liveOffsets);
  await shadow.query(
    `UPDATE ${context}.shadow_run SET promoted_at = NULL,
            promotion = promotion || jsonb_build_object('backAt', clock_timestamp())`,
  );
  output.out(
    `live group ${run.liveGroup}: L committed again on ${promoted.record.liveOffsets.length} partition(s); ` +
      `${context}.shadow_run is no longer promoted`,
  );
  output.out(
    `next: start the old ${context} deployment as before (on the live database); the shadow may run ` +
      'again as a shadow (SHADOW=true) and be cut over later',
  );
  return EXIT.done;
}

/**
 * inbox rows the promoted database processed, and outbox rows its relay published, after the
 * promotion (compared in SQL: the suppressed rows are stamped microseconds before `promoted_at`)
 */
async function workSincePromotion(shadow: Client, context: string): Promise<number> {
  const { rows } = await shadow.query<{ n: number }>(
    `WITH p AS (SELECT promoted_at AS at FROM ${context}.shadow_run)
     SELECT (SELECT count(*) FROM ${context}.inbox, p WHERE processed_at > p.at)::int
          + (SELECT count(*) FROM ${context}.outbox, p WHERE published_at > p.at)::int AS n`,
  );
  return rows[0].n;
}
