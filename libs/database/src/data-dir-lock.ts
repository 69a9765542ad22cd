import { createHash } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * One owner per embedded data directory (docs/adr/0018-one-owner-per-data-directory.md).
 *
 * PGlite is PostgreSQL in WebAssembly with no postmaster: two processes that open one folder
 * each write its files as if alone, and the data is damaged. So the process that opens the folder
 * holds an OS-level lock on it for its lifetime: a listening local socket whose name is derived
 * from the folder's path. The kernel refuses a second listener on that name (EADDRINUSE) and frees
 * it when the owner dies, however it dies, so a crashed owner never leaves a lock to clean up.
 * The same socket answers who holds it (pid, command, HTTP address), which lets a second process
 * name the owner in its refusal, and lets the operations CLIs reach a running platform.
 *
 * On Linux the socket is in the abstract namespace (no file at all); on Windows it is a named pipe;
 * elsewhere it is a file in the temp folder, replaced when nothing answers on it.
 */
export interface DataDirOwner {
  readonly pid: number;
  /** what holds it, e.g. "npm start (monolith)" or "analytics:rebuild" */
  readonly command: string;
  readonly dataDir: string;
  readonly since: string;
  /** where the owner serves HTTP (its admin API), once it listens */
  readonly http?: string;
}

export class DataDirLockedError extends Error {
  constructor(readonly owner: DataDirOwner) {
    super(
      `the embedded database folder ${owner.dataDir} is in use by process ${owner.pid} (${owner.command}` +
        `${owner.http ? `, serving ${owner.http}` : ''}, since ${owner.since}). Only one process may open it. ` +
        'Stop that process first, or, while the platform runs, use the operations that go through it: ' +
        '`npm run analytics:rebuild`, `npm run check:invariants` and `npm run dead-letters`.',
    );
    this.name = 'DataDirLockedError';
  }
}

export class DataDirLock {
  private constructor(
    private readonly server: Server,
    private owner: DataDirOwner,
    private readonly socketFile: string | undefined,
  ) {}

  /** takes the folder's lock, or throws DataDirLockedError naming the process that holds it */
  static async acquire(dataDir: string, command: string): Promise<DataDirLock> {
    const folder = resolve(dataDir);
    const address = lockAddress(folder);
    const owner: DataDirOwner = { pid: process.pid, command, dataDir: folder, since: new Date().toISOString() };
    for (let attempt = 1; ; attempt += 1) {
      const lock = new DataDirLock(createServer(), owner, address.file);
      const listening = await lock.listen(address.path);
      if (listening === 'ok') return lock;
      const holder = await askOwner(address.path);
      if (holder) throw new DataDirLockedError(holder);
      // a socket file that nobody answers on is a dead owner's (not on Linux or Windows, where
      // the kernel removes the name); remove it once and try again
      if (!address.file || attempt > 1) {
        throw new Error(`cannot lock ${folder}: ${address.path} is taken but its owner does not answer`);
      }
      unlinkSync(address.file);
    }
  }

  /** who asks is told this: the HTTP address is added once the owner listens */
  describe(details: Partial<Pick<DataDirOwner, 'http' | 'command'>>): void {
    this.owner = { ...this.owner, ...details };
  }

  async release(): Promise<void> {
    await new Promise<void>((done) => this.server.close(() => done()));
    if (this.socketFile) unlinkQuietly(this.socketFile);
  }

  private listen(path: string): Promise<'ok' | 'taken'> {
    return new Promise((done, fail) => {
      this.server.on('connection', (socket) => {
        socket.on('error', () => undefined); // an asker that hangs up early is no concern of ours
        socket.end(`${JSON.stringify(this.owner)}\n`);
      });
      this.server.once('error', (error: NodeJS.ErrnoException) =>
        error.code === 'EADDRINUSE' ? done('taken') : fail(error),
      );
      this.server.listen(path, () => {
        this.server.unref(); // the lock lasts as long as the process, and never keeps it alive
        done('ok');
      });
    });
  }
}

/** the process holding a folder's lock, or undefined when none does (nothing answers) */
export async function dataDirOwner(dataDir: string): Promise<DataDirOwner | undefined> {
  return askOwner(lockAddress(resolve(dataDir)).path);
}

function askOwner(path: string, timeoutMs = 2_000): Promise<DataDirOwner | undefined> {
  return new Promise((done) => {
    let answer = '';
    const socket = createConnection(path);
    const finish = (owner: DataDirOwner | undefined): void => {
      socket.destroy();
      done(owner);
    };
    socket.setTimeout(timeoutMs, () => finish(undefined));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => finish(parseOwner(answer)));
    socket.on('error', () => finish(undefined));
  });
}

function parseOwner(text: string): DataDirOwner | undefined {
  try {
    const owner = JSON.parse(text) as DataDirOwner;
    return typeof owner.pid === 'number' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** the socket name for a folder: short and fixed-length whatever the path (socket paths max ~104 bytes) */
function lockAddress(folder: string): { path: string; file?: string } {
  const id = createHash('sha256').update(folder).digest('hex').slice(0, 32);
  if (process.platform === 'linux') return { path: `\0order-platform-pglite-${id}` };
  if (process.platform === 'win32') return { path: `\\\\.\\pipe\\order-platform-pglite-${id}` };
  const file = join(tmpdir(), `order-platform-pglite-${id}.sock`);
  return { path: file, file };
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
