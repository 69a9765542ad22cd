import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export interface KcatRecord {
  readonly key: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Every record of `topic` as a third-party client sees it: `kcat -C ... -o beginning -e` reads
 * from the start to the end of each partition and exits. kcat prints headers as
 * `name=value,name=value`; none of ours holds a comma.
 */
export async function readWithKcat(brokers: string, topic: string): Promise<KcatRecord[]> {
  const { stdout } = await promisify(execFile)(
    'kcat',
    ['-C', '-b', brokers, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k %h\n'],
    { timeout: 20_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const space = line.indexOf(' ');
      const headers = line
        .slice(space + 1)
        .split(',')
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]);
      return { key: line.slice(0, space), headers: Object.fromEntries(headers) };
    });
}
