import { performance } from 'node:perf_hooks';
import type { PartitionOffset } from '@platform/messaging';
import { EXIT, Refusal } from '../exit-codes';
import { checkCutOver } from './cut-over-checks';
import type { CutOverOptions, CutOverOutput, CutOverParts } from './cut-over-parts';
import { formatGaps, offsetGaps, recordsAhead } from './offset-gaps';
import {
  liveLastProcessed,
  msSince,
  promote,
  readPromotion,
  splitShadowOutbox,
  type Promoted,
} from './shadow-promotion';
import { afterCutOver } from './cut-over-report';

/**
 * The cut-over's decisions and steps once nothing of the context runs (ADR 0023): L and S, the
 * comparison, the shadow's outbox split into suppressed and released, then the shadow database's
 * one transaction and S committed into the live group.
 */
export type { CutOverOptions, CutOverOutput, CutOverParts };

export class CutOver {
  constructor(
    private readonly context: string,
    private readonly options: CutOverOptions,
    private readonly output: CutOverOutput,
    private readonly parts: CutOverParts,
  ) {}

  async run(): Promise<number> {
    const { context, output } = this;
    const { live, shadow, committed, run } = this.parts;
    const lastProcessed = await liveLastProcessed(live, context);
    const liveOffsets = await committed(run.liveGroup);
    const shadowOffsets = await committed(run.shadowGroup);
    const promoted = await readPromotion(shadow, context);
    if (promoted) return this.finishOrRefuse(promoted, liveOffsets);

    const gaps = offsetGaps(liveOffsets, shadowOffsets);
    output.out(`committed offsets: live group ${run.liveGroup} (L), shadow group ${run.shadowGroup} (S)`);
    for (const line of formatGaps(gaps)) output.out(line);
    const checks = await checkCutOver(context, this.options, output, this.parts, gaps);
    const split = await splitShadowOutbox(live, shadow, context, run.outboxHighWater);
    output.out(
      `the shadow processed ${recordsAhead(gaps)} record(s) the live did not; its own outbox holds ` +
        `${split.suppress.length + split.released} unpublished row(s): ${split.suppress.length} to suppress ` +
        `(caused by inputs the live processed and published for), ${split.released} to release ` +
        `(for the new deployment's relay${split.uncaused > 0 ? `; ${split.uncaused} without a causation id` : ''})`,
    );

    if (this.options.dryRun) return this.dryRun(checks.refusals);
    if (checks.refusals.length > 0) throw new Refusal(checks.refusals.join('\n'));
    const forced = checks.forcedPast.length > 0;
    const at = await promote(shadow, context, split, {
      liveOffsets,
      shadowOffsets,
      suppressed: split.suppress.length,
      released: split.released,
      gatewayCallsNotMade: checks.gatewayCallsNotMade,
      forced,
    }).catch((error: Error) => {
      throw new Refusal(`nothing was changed: ${error.message}`);
    });
    output.out(
      `shadow database: ${split.suppress.length} outbox row(s) suppressed, ${split.released} released, ` +
        `${context}.shadow_run promoted at ${at.toISOString()}${forced ? ' (forced)' : ''}`,
    );
    await this.commitIntoLiveGroup(shadowOffsets);
    return this.done(lastProcessed);
  }

  private async commitIntoLiveGroup(offsets: readonly PartitionOffset[]): Promise<void> {
    const { takeover, run } = this.parts;
    await takeover.commit(run.liveGroup, offsets).catch((error: Error) => {
      throw new Refusal(
        `the shadow database is promoted, but committing S into the live group ${run.liveGroup} failed ` +
          `(${error.message}): run the same command again, it finishes the cut-over`,
      );
    });
    this.output.out(`live group ${run.liveGroup}: S committed on ${offsets.length} partition(s)`);
  }

  /** a cut-over recorded before: finished when the live group is still at its L, else refused */
  private async finishOrRefuse(promoted: Promoted, liveNow: readonly PartitionOffset[]): Promise<number> {
    const when = promoted.at.toISOString();
    const atS = offsetGaps(liveNow, promoted.record.shadowOffsets).every((g) => g.ahead === 0);
    if (atS)
      throw new Refusal(
        `${this.context} was cut over at ${when}: the live group already carries on from the shadow's offsets`,
      );
    const atL = offsetGaps(liveNow, promoted.record.liveOffsets).every((g) => g.ahead === 0);
    if (!atL)
      throw new Refusal(
        `${this.context} was cut over at ${when}, but the live group has moved since to neither L nor S: ` +
          `a consumer ran in between; nothing was changed`,
      );
    this.output.out(`finishing the cut-over recorded at ${when}: the live group is still at L`);
    if (this.options.dryRun) {
      this.output.out('dry run: nothing was changed; a real run would commit S into the live group');
      return EXIT.done;
    }
    await this.commitIntoLiveGroup(promoted.record.shadowOffsets);
    return this.done(await liveLastProcessed(this.parts.live, this.context));
  }

  private dryRun(refusals: readonly string[]): number {
    if (refusals.length > 0) {
      this.output.out(`dry run: a real run would refuse:\n${refusals.map((r) => `  - ${r}`).join('\n')}`);
      return EXIT.refused;
    }
    this.output.out(
      'dry run: nothing was changed; a real run would suppress and release the rows above, mark the shadow run ' +
        'promoted and commit S into the live group',
    );
    return EXIT.done;
  }

  private async done(lastProcessed: Date | undefined): Promise<number> {
    const pauseMs = lastProcessed ? await msSince(this.parts.live, lastProcessed) : undefined;
    this.output.out(
      afterCutOver({
        context: this.context,
        shadowDatabase: this.options.shadowDatabase,
        lastProcessed,
        pauseMs,
        tookMs: performance.now() - this.parts.started,
      }),
    );
    return EXIT.done;
  }
}
