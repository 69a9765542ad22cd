import { AsyncLocalStorage } from 'node:async_hooks';
import { TestEnvironment } from 'jest-environment-node';

/**
 * Jest's Node environment, plus: when a test file ends, every AsyncLocalStorage it used is disabled.
 *
 * Why: each test file loads its modules afresh, so each file gets its own nestjs-pino request store
 * and OpenTelemetry context manager, but `node:async_hooks` is the process's own. On Node 20 and 22
 * an AsyncLocalStorage, once used, stays registered with the process until `disable()` is called,
 * and nothing calls it. Every async resource created afterwards (each promise, timer, socket)
 * then gets a slot per store ever used, so each test file made every later one slower: in one
 * process (jest runs in band on two cores) the last files of `npm test` ran 15 times slower than
 * alone (docs/benchmarks.md, 2026-12-07).
 */
export default class NodeEnvironmentThatForgetsItsStores extends TestEnvironment {
  private readonly used = new Set<AsyncLocalStorage<unknown>>();
  private readonly original = {
    run: AsyncLocalStorage.prototype.run,
    enterWith: AsyncLocalStorage.prototype.enterWith,
  };

  override async setup(): Promise<void> {
    await super.setup();
    const { used, original } = this;
    AsyncLocalStorage.prototype.run = function run<R, A extends unknown[]>(
      this: AsyncLocalStorage<unknown>,
      store: unknown,
      callback: (...args: A) => R,
      ...args: A
    ): R {
      used.add(this);
      return original.run.call(this, store, callback, ...args) as R;
    };
    AsyncLocalStorage.prototype.enterWith = function enterWith(this: AsyncLocalStorage<unknown>, store: unknown) {
      used.add(this);
      original.enterWith.call(this, store);
    };
  }

  override async teardown(): Promise<void> {
    Object.assign(AsyncLocalStorage.prototype, this.original);
    for (const storage of this.used) storage.disable();
    this.used.clear();
    await super.teardown();
  }
}
