import { PassThrough } from 'node:stream';
import { formatProgress, progressBar } from './progress-bar';

describe('formatProgress', () => {
  it('shows done/total, the percentage and the rate', () => {
    expect(formatProgress({ done: 250, total: 1000, elapsedMs: 500 }, 20)).toBe(
      '[#####...............]  250/1000  25.0% 500 events/s',
    );
  });

  it('shows the lag of a Kafka replay', () => {
    expect(formatProgress({ done: 5, total: 10, elapsedMs: 1000, lag: 7 }, 4)).toBe(
      '[##..]  5/10  50.0% 5 events/s lag 7',
    );
  });

  it('shows an empty log as complete', () => {
    expect(formatProgress({ done: 0, total: 0, elapsedMs: 0 }, 4)).toBe('[####] 0/0 100.0% 0 events/s');
  });
});

describe('progressBar', () => {
  it('on a pipe, prints the first and the final line and skips those in between', () => {
    const out = new PassThrough() as PassThrough & NodeJS.WriteStream;
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const draw = progressBar(out, 60_000);
    draw({ done: 0, total: 3, elapsedMs: 0 });
    draw({ done: 1, total: 3, elapsedMs: 10 });
    draw({ done: 3, total: 3, elapsedMs: 20 });
    draw({ done: 3, total: 3, elapsedMs: 30 });
    expect(text.trim().split('\n')).toEqual([
      formatProgress({ done: 0, total: 3, elapsedMs: 0 }),
      formatProgress({ done: 3, total: 3, elapsedMs: 20 }),
    ]);
  });
});
