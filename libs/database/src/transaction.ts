import type { DataSource, EntityManager } from 'typeorm';
import { ConnectionWatch } from './connection-watch';

/**
 * A business transaction: the EntityManager to do all work with, hooks that run once all work is
 * done but before the commit (writing what the work only collected, such as the outbox rows of a
 * whole set of records in one statement), and hooks that run only after a successful commit
 * (waking the outbox relay, for example). Passing `Transaction` explicitly keeps every write of a
 * use case, its outbox rows included, in the same commit.
 */
export interface Transaction {
  readonly manager: EntityManager;
  /** `hook` runs after the work, in the transaction; a hook that throws rolls it back */
  beforeCommit(hook: () => Promise<void>): void;
  afterCommit(hook: () => void): void;
}

export class TransactionRunner {
  constructor(readonly dataSource: DataSource) {}

  /**
   * Runs `work` in a new transaction. A connection lost mid-way always throws an error that
   * isConnectionLoss() recognises (see ConnectionWatch), so callers can tell it from a bug.
   */
  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const hooks: Array<() => void> = [];
    const finishing: Array<() => Promise<void>> = [];
    const runner = this.dataSource.createQueryRunner();
    const watch = new ConnectionWatch();
    let result: T;
    try {
      await watch.start(runner);
      // a manager bound to the runner: TypeORM's transaction (begin, commit, or rollback on a throw)
      // on our connection, which it leaves to us to release
      result = await runner.manager.transaction(async (manager) => {
        const done = await work({
          manager,
          beforeCommit: (hook) => void finishing.push(hook),
          afterCommit: (hook) => void hooks.push(hook),
        });
        // in order, and a hook may add another
        for (let next = finishing.shift(); next; next = finishing.shift()) await next();
        return done;
      });
    } catch (error) {
      throw watch.explain(error);
    } finally {
      watch.stop();
      await runner.release();
    }
    for (const hook of hooks) hook();
    return result;
  }

  /**
   * Runs `work` in the caller's transaction when it holds one (an integration handler passes the
   * consumer pipeline's `ctx.tx`), else in a new one (HTTP). Joining is not optional: on PGlite a
   * second transaction opened while the first is held waits for it forever (ADR 0003), and on
   * PostgreSQL the handler's writes would commit apart from the pipeline's inbox row.
   */
  async within<T>(joined: Transaction | undefined, work: (tx: Transaction) => Promise<T>): Promise<T> {
    return joined ? work(joined) : this.run(work);
  }
}
