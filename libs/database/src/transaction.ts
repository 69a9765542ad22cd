import type { DataSource, EntityManager } from 'typeorm';
import { ConnectionWatch } from './connection-watch';

/**
 * A business transaction: the EntityManager to do all work with, and hooks that run only after
 * a successful commit (waking the outbox relay, for example). Passing `Transaction` explicitly
 * keeps every write of a use case, its outbox rows included, in the same commit.
 */
export interface Transaction {
  readonly manager: EntityManager;
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
    const runner = this.dataSource.createQueryRunner();
    const watch = new ConnectionWatch();
    let result: T;
    try {
      await watch.start(runner);
      // a manager bound to the runner: TypeORM's transaction (begin, commit, or rollback on a throw)
      // on our connection, which it leaves to us to release
      result = await runner.manager.transaction((manager) =>
        work({ manager, afterCommit: (hook) => void hooks.push(hook) }),
      );
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
