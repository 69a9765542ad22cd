import { shadowAgrees, totals } from '@platform/messaging';
import type { CutOverOptions, CutOverOutput, CutOverParts } from './cut-over-parts';
import { behind, describeBehind, type OffsetGap } from './offset-gaps';
import { gatewayCallsNotMade, livePendingOutbox } from './shadow-promotion';

/** what stands in the cut-over's way: refusals, and what --force let it past */
export interface CutOverChecks {
  readonly refusals: readonly string[];
  /** set with --force only: the refusals it overrode */
  readonly forcedPast: readonly string[];
  readonly gatewayCallsNotMade: number;
}

/**
 * The cut-over's checks once both groups are seated (ADR 0023). Never forceable: the shadow behind
 * the live (S < L), and unpublished live outbox rows (their equivalents would be suppressed).
 * Forceable: the comparison's mismatched, missing or extra outputs, inputs the shadow's offsets are
 * past but its inbox lacks, and gateway calls nobody made.
 */
export async function checkCutOver(
  context: string,
  options: CutOverOptions,
  output: CutOverOutput,
  parts: CutOverParts,
  gaps: readonly OffsetGap[],
): Promise<CutOverChecks> {
  const refusals: string[] = [];
  const late = behind(gaps);
  if (late.length > 0) refusals.push(describeBehind(context, late));
  const pending = await livePendingOutbox(parts.live, context);
  if (pending > 0)
    refusals.push(
      `the live ${context} stopped with ${pending} outbox row(s) its relay had not published: start it again ` +
        `until its outbox is empty, stop it, let the shadow catch up and cut over again`,
    );
  const forceable = comparisonProblems(context, output, parts);
  const calls = await gatewayProblem(context, parts);
  if (calls.problem) forceable.push(calls.problem);
  if (options.force && forceable.length > 0) {
    output.out(`--force: cutting over despite: ${forceable.join('; ')}`);
    return { refusals, forcedPast: forceable, gatewayCallsNotMade: calls.notMade };
  }
  return { refusals: [...refusals, ...forceable], forcedPast: [], gatewayCallsNotMade: calls.notMade };
}

function comparisonProblems(context: string, output: CutOverOutput, parts: CutOverParts): string[] {
  const { comparison } = parts;
  const sum = totals(comparison.comparisons);
  output.out(
    `comparison of ${comparison.comparedInputs} input(s) both processed: ${sum.matched} matched, ` +
      `${sum.mismatched} mismatched, ${sum.missing} missing, ${sum.extra} extra; ` +
      `${comparison.lagInputs} input(s) the live processed that the shadow has not`,
  );
  const problems: string[] = [];
  if (!shadowAgrees(comparison))
    problems.push(
      `the comparison shows ${sum.mismatched} mismatched, ${sum.missing} missing and ${sum.extra} extra output(s) ` +
        `(npm run migrate -- compare ${context} lists them): the shadow does not do what the live does`,
    );
  if (comparison.lagInputs > 0)
    problems.push(
      `${comparison.lagInputs} input(s) the live processed are not in the shadow's inbox although its offsets ` +
        `are past them (dead-lettered by the shadow? see npm run dead-letters)`,
    );
  return problems;
}

/**
 * The shadow's recorded gateway calls for inputs the live never processed (those between L and
 * S): nobody made them, and the new deployment carries on after their inputs.
 */
async function gatewayProblem(context: string, parts: CutOverParts): Promise<{ notMade: number; problem?: string }> {
  const byCall = await gatewayCallsNotMade(parts.live, parts.shadow, context);
  const notMade = [...byCall.values()].reduce((sum, n) => sum + n, 0);
  if (notMade === 0) return { notMade };
  const which = [...byCall].map(([call, n]) => `${call} ${n}`).join(', ');
  return {
    notMade,
    problem:
      `${notMade} gateway call(s) the shadow recorded (${which}) were caused by inputs the live ${context} ` +
      `never processed: nobody made them, and the new deployment carries on after those inputs; make them by ` +
      `hand (${context}.shadow_gateway_calls lists each request) and cut over with --force`,
  };
}
