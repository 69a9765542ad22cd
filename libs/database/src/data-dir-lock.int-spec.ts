import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eventually } from '@platform/testing';
import { DataDirLock, DataDirLockedError, dataDirOwner } from './data-dir-lock';
import { EmbeddedPostgres } from './embedded-postgres';

const ROOT = resolve(__dirname, '../../..');

/** another process that takes the folder's lock and holds it until killed */
function holder(dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      '-e',
      `require('./libs/database/src/data-dir-lock').DataDirLock.acquire(${JSON.stringify(dataDir)}, 'test holder')
         .then(() => { console.log('locked'); setInterval(() => undefined, 1000); })`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && done(child));
    child.once('exit', (code) => fail(new Error(`lock holder exited with ${code} before locking`)));
  });
}

describe('one owner per embedded data folder', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'data-dir-lock-'));
  });

  afterEach(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second process at once, naming the owner, and frees the folder when the owner is killed', async () => {
    child = await holder(dir);

    const refusal = await DataDirLock.acquire(dir, 'second').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect((refusal as DataDirLockedError).owner).toMatchObject({ pid: child.pid, command: 'test holder' });
    expect((refusal as Error).message).toContain(`in use by process ${child.pid}`);
    expect((refusal as Error).message).toContain(resolve(dir));

    // the embedded database itself is refused before it opens a file
    await expect(EmbeddedPostgres.start({ dataDir: dir, maxConnections: 4 })).rejects.toBeInstanceOf(
      DataDirLockedError,
    );

    // a crashed owner leaves nothing to clean up
    child.kill('SIGKILL');
    await eventually(
      () => dataDirOwner(dir),
      (owner) => owner === undefined,
      { timeoutMs: 5_000, expected: 'the killed owner to release the lock' },
    );
    const lock = await DataDirLock.acquire(dir, 'after the crash');
    await lock.release();
  });

  it('tells who asks where the owner serves HTTP, and is free again after release', async () => {
    const lock = await DataDirLock.acquire(dir, 'npm start');
    lock.describe({ http: 'http://127.0.0.1:4321' });
    expect(await dataDirOwner(dir)).toMatchObject({ pid: process.pid, http: 'http://127.0.0.1:4321' });
    // a folder is one folder however it is spelled
    await expect(DataDirLock.acquire(join(dir, '.', '..', dir.split('/').pop()!), 'again')).rejects.toThrow(
      /in use by process/,
    );
    await lock.release();
    expect(await dataDirOwner(dir)).toBeUndefined();
  });
});
