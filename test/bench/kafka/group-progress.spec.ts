import { longestGaps } from './group-progress';

describe("a group's progress gaps", () => {
  it('finds the longest pauses between successive records in the window, longest first', () => {
    const times = [0, 100, 200, 5_300, 5_400, 5_500, 9_000, 9_100];
    expect(longestGaps(times, 150, 9_100, 2)).toEqual([
      { fromMs: 200, ms: 5_100, open: false },
      { fromMs: 5_500, ms: 3_500, open: false },
    ]);
  });

  it('counts a gap that started before the window when it ends inside it', () => {
    expect(longestGaps([0, 4_000, 4_100], 1_000, 4_100, 1)).toEqual([{ fromMs: 0, ms: 4_000, open: false }]);
  });

  it('ends in an open gap when no record came after the last one before the window ended', () => {
    expect(longestGaps([0, 100], 0, 3_000, 1)).toEqual([{ fromMs: 100, ms: 2_900, open: true }]);
  });

  it('is one open gap over the whole window when the group recorded nothing', () => {
    expect(longestGaps([], 1_000, 2_000)).toEqual([{ fromMs: 1_000, ms: 1_000, open: true }]);
  });
});
