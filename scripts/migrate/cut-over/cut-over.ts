import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import {
  shadowAgrees,
  totals,
  type GroupTakeover,
  type PartitionOffset,
  type ShadowComparison,
  type ShadowRun,
} from '@platform/messaging';
import { EXIT, Refusal } from '../exit-codes';
import { behind, describeBehind, formatGaps, offsetGaps, recordsAhead } from './offset-gaps';
import {
  gatewayCallsNotMade,
  livePendingOutbox,
  liveLastProcessed,
  msSince,
  promote,
  readPromotion,
  splitShadowOutbox,
  type Promoted,
} from './shadow-promotion';
import { afterCutOver } from './cut-over-report';

export interface CutOverOptions {
  readonly liveDatabase: string;
  readonly shadowDatabase: string;
  readonly dryRun?: boolean;
  /** cut over although the comparison shows mismatched, missing or extra outputs */
  readonly force?: boolean;
  /** undo a cut-over whose new deployment has done nothing yet (cut-back.ts) */
  readonly back?: boolean;
}

/** where the command writes: the report on `out`, refusals on `err` */
export interface CutOverOutput {
  out(text: string): void;
  err(text: string): void;
}

export interface CutOverParts {
  readonly live: Client;
  readonly shadow: Client;
  /** seated in the live and the shadow group: commits into them */
  readonly takeover: Pick<GroupTakeover, 'commit'>;
  /** a group's committed offsets on the topics the context reads, by its name on the cluster */
  readonly committed: (clusterGroupId: string) => Promise<PartitionOffset[]>;
  readonly run: ShadowRun;
  readonly comparison: ShadowComparison;
  /** performance.now() when the command started */
  readonly started: number;
}

/**
 * The cut-over's decisions and steps once nothing of the context runs (ADR 0023): L and S, the
 * comparison, the shadow's outbox split into suppressed and released, then the shadow database's
 * one transaction and S committed into the live group.
 */
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
    const refusals: string[] = [];
    const late = behind(gaps);
    if (late.length > 0) refusals.push(describeBehind(context, late));
    refusals.push(...this.comparisonRefusals());
    const pending = await livePendingOutbox(live, context);
    if (pending > 0)
      refusals.push(
        `the live ${context} stopped with ${pending} outbox row(s) its relay had not published: start it again ` +
          `until its outbox is empty, stop it, let the shadow catch up and cut over again`,
      );
    const calls = await this.gatewayRefusals();
    refusals.push(...calls.refusals);
    const split = await splitShadowOutbox(live, shadow, context, run.outboxHighWater);
    output.out(
      `the shadow processed ${recordsAhead(gaps)} record(s) the live did not; its own outbox holds ` +
        `${split.suppress.length + split.released} unpublished row(s): ${split.suppress.length} to suppress ` +
        `(caused by inputs the live processed and published for), ${split.released} to release ` +
        `(for the new deployment's relay${split.uncaused > 0 ? `; ${split.uncaused} without a causation id` : ''})`,
    );

    if (this.options.dryRun) return this.dryRun(refusals);
    if (refusals.length > 0) throw new Refusal(refusals.join('\n'));
    const forced = this.options.force === true && !shadowAgrees(this.parts.comparison);
    const at = await promote(shadow, context, split, {
      liveOffsets,
      shadowOffsets,
      suppressed: split.suppress.length,
      released: split.released,
      gatewayCallsNotMade: calls.notMade,
      forced: forced || calls.notMade > 0,
    }).catch((error: Error) => {
      throw new Refusal(`nothing was changed: ${error.message}`);
    });
    output.out(
      `shadow database: ${split.suppress.length} outbox row(s) suppressed, ${split.released} released, ` +
        `${context}.shadow_run promoted at ${at.toISOString()}${forced ? ' (forced past the comparison)' : ''}`,
    );
    await this.commitIntoLiveGroup(shadowOffsets);
    return this.done(lastProcessed);
  }

  private comparisonRefusals(): string[] {
    const { comparison } = this.parts;
    const sum = totals(comparison.comparisons);
    this.output.out(
      `comparison of ${comparison.comparedInputs} input(s) both processed: ${sum.matched} matched, ` +
        `${sum.mismatched} mismatched, ${sum.missing} missing, ${sum.extra} extra; ` +
        `${comparison.lagInputs} input(s) the live processed that the shadow has not`,
    );
    const refusals: string[] = [];
    if (!shadowAgrees(comparison))
      refusals.push(
        `the comparison shows ${sum.mismatched} mismatched, ${sum.missing} missing and ${sum.extra} extra output(s) ` +
          `(npm run migrate -- compare ${this.context} lists them): the shadow does not do what the live does`,
      );
    if (comparison.lagInputs > 0)
      refusals.push(
        `${comparison.lagInputs} input(s) the live processed are not in the shadow's inbox although its offsets ` +
          `are past them (dead-lettered by the shadow? see npm run dead-letters)`,
      );
    if (this.options.force && refusals.length > 0) {
      this.output.out(`--force: cutting over despite: ${refusals.join('; ')}`);
      return [];
    }
    return refusals;
  }

  /**
   * The shadow's recorded gateway calls for inputs the live never processed (those between L and
   * S): nobody made them, and the new deployment carries on after their inputs. Refused unless --force.
   */
  private async gatewayRefusals(): Promise<{ notMade: number; refusals: string[] }> {
    const byCall = await gatewayCallsNotMade(this.parts.live, this.parts.shadow, this.context);
    const notMade = [...byCall.values()].reduce((sum, n) => sum + n, 0);
    if (notMade === 0) return { notMade, refusals: [] };
    const which = [...byCall].map(([call, n]) => `${call} ${n}`).join(', ');
    const problem =
      `${notMade} gateway call(s) the shadow recorded (${which}) were caused by inputs the live ${this.context} ` +
      `never processed: nobody made them, and the new deployment carries on after those inputs`;
    if (this.options.force) {
      this.output.out(
        `--force: cutting over although ${problem}; make them by hand (${this.context}.shadow_gateway_calls lists each request)`,
      );
      return { notMade, refusals: [] };
    }
    return {
      notMade,
      refusals: [`${problem}. Make them by hand and cut over with --force (${this.context}.shadow_gateway_calls)`],
    };
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
