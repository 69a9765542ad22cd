import { parseRebuildArgs } from './rebuild-args';

describe('parseRebuildArgs', () => {
  it('replays everything by default', () => {
    expect(parseRebuildArgs([])).toEqual({ from: undefined });
  });

  it('takes --from as an instant, in either spelling', () => {
    const at = new Date('2026-11-01T00:00:00Z');
    expect(parseRebuildArgs(['--from', '2026-11-01T00:00:00Z'])).toEqual({ from: at });
    expect(parseRebuildArgs(['--from=2026-11-01T01:00:00+01:00'])).toEqual({ from: at });
  });

  it('refuses a time without a zone, a missing value and unknown arguments', () => {
    expect(() => parseRebuildArgs(['--from', '2026-11-01'])).toThrow(/ISO-8601 instant/);
    expect(() => parseRebuildArgs(['--from'])).toThrow(/ISO-8601 instant/);
    expect(() => parseRebuildArgs(['--since', 'x'])).toThrow(/unknown argument --since/);
  });
});
