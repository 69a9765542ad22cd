import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

// LOG_PRETTY=true where pino-pretty is not installed (the production image): the app still starts
// and logs JSON, after one warning. A preload makes pino-pretty unresolvable in a real process.

const ROOT = resolve(__dirname, '../../..');
const run = promisify(execFile);

it('with LOG_PRETTY=true and no pino-pretty, the logger starts, warns once and logs JSON', async () => {
  const { stdout, stderr } = await run(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      '-r',
      './libs/observability/test/hide-pino-pretty.ts',
      'libs/observability/test/log-one-line.app.ts',
    ],
    { cwd: ROOT, env: { ...process.env, LOG_PRETTY: 'true', LOG_LEVEL: 'info' }, timeout: 30_000 },
  );
  const lines = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { msg: string; level: number });
  expect(lines.filter((l) => l.msg.includes('pino-pretty'))).toEqual([
    expect.objectContaining({ level: 40, msg: expect.stringContaining('logging JSON instead') }),
  ]);
  expect(lines).toContainEqual(expect.objectContaining({ level: 30, msg: 'one line' }));
  expect(stderr).toBe('');
});
