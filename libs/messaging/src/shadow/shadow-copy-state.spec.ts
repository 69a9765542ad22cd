import { refusalToRun } from './shadow-copy-state';

describe('refusalToRun', () => {
  it('lets a live process run on a live schema or a promoted copy, and a shadow on its copy', () => {
    expect(refusalToRun('loyalty', 'live', false)).toBeUndefined();
    expect(refusalToRun('loyalty', 'promoted', false)).toBeUndefined();
    expect(refusalToRun('loyalty', 'shadow', true)).toBeUndefined();
  });

  it('refuses a live process on a copy not cut over, and a shadow on a promoted copy, saying what to do', () => {
    expect(refusalToRun('loyalty', 'shadow', false)).toContain('run npm run migrate -- cut-over loyalty first');
    expect(refusalToRun('loyalty', 'promoted', true)).toContain("it is the live loyalty's database now");
  });
});
