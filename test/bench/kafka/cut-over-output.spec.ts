import { parseCutOverOutput } from './cut-over-output';

describe('bench:kafka reading what migrate cut-over says about its time', () => {
  it('takes its joins and its own "took" from the lines it prints', () => {
    const stdout = [
      'cut-over loyalty: postgres://postgres@127.0.0.1:5432/test_b takes over from postgres://postgres@127.0.0.1:5432/test_a',
      'joined bench-x.loyalty and bench-x.loyalty.shadow as their only member in 3.03 s: no consumer of either runs, and none can start until this command ends',
      'live group loyalty: S committed on 12 partition(s)',
      'cut-over took 3.22 s',
      "processing pause so far: 9.19 s, from the live loyalty's last processed record (2026-12-06T22:36:11.278Z) to the end of this command",
    ].join('\n');
    expect(parseCutOverOutput(stdout)).toEqual({ joinMs: 3_030, tookMs: 3_220 });
  });

  it('leaves out what a refusal did not print', () => {
    expect(parseCutOverOutput('refused: loyalty is running on the live database\n')).toEqual({
      joinMs: undefined,
      tookMs: undefined,
    });
  });
});
