/**
 * What `npm run migrate -- cut-over` says about its own time (scripts/migrate/cut-over/): the
 * joins of the live and shadow groups as their only member (a rebalance each), and the whole
 * command from its connect to its last commit. Either is undefined when the line is missing, as
 * after a refusal.
 */
export interface CutOverOutput {
  readonly joinMs?: number;
  readonly tookMs?: number;
}

const secondsIn = (text: string, pattern: RegExp): number | undefined => {
  const match = pattern.exec(text);
  return match ? Math.round(Number(match[1]) * 1000) : undefined;
};

export function parseCutOverOutput(stdout: string): CutOverOutput {
  return {
    joinMs: secondsIn(stdout, /^joined .* as their only member in (\d+(?:\.\d+)?) s/m),
    tookMs: secondsIn(stdout, /^cut-over took (\d+(?:\.\d+)?) s/m),
  };
}
