import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { progressCounter, PROGRESS_ABOVE_ROWS } from './copy-table';

async function pass(chunks: string[], expected: number): Promise<{ through: string; said: string[] }> {
  const said: string[] = [];
  let through = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      through += chunk.toString();
      done();
    },
  });
  await pipeline(
    Readable.from(chunks.map((c) => Buffer.from(c))),
    progressCounter('outbox', expected, (l) => said.push(l), 0),
    sink,
  );
  return { through, said };
}

describe('progress of a table being copied', () => {
  it('given a big table, counts the rows (COPY text lines) as they pass and says how far it is, passing the bytes on untouched', async () => {
    const big = PROGRESS_ABOVE_ROWS * 2;
    const { through, said } = await pass(['1\ta\n2\tb', '\n3\tc\\nd\n'], big);
    expect(through).toBe('1\ta\n2\tb\n3\tc\\nd\n');
    expect(said).toEqual([`  outbox: 1 of ${big} rows (0%)`, `  outbox: 3 of ${big} rows (0%)`]);
  });

  it('given a small table, says nothing', async () => {
    expect((await pass(['1\n2\n'], 2)).said).toEqual([]);
  });
});
