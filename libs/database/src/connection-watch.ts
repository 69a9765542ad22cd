import { TypeORMError, type QueryRunner } from 'typeorm';
import { DatabaseConnectionLostError, isConnectionLoss } from './connection-loss';

interface ErrorEmitter {
  on(event: 'error', listener: (error: unknown) => void): unknown;
  removeListener(event: 'error', listener: (error: unknown) => void): unknown;
}

/**
 * Remembers what a transaction's connection reported while the transaction ran. When the server
 * ends a session that is idle between two statements (pg_terminate_backend, a restart), the pg
 * client emits the reason as an 'error' event, TypeORM releases its query runner on it, and the
 * transaction's next statement throws only "query runner already released": without this watch,
 * a lost connection would look like a bug (a 500 over HTTP).
 */
export class ConnectionWatch {
  private connection?: ErrorEmitter;
  private lost?: unknown;
  private readonly onError = (error: unknown): void => {
    this.lost ??= error;
  };

  /**
   * Takes the runner's connection from the pool and listens to it, in the same tick as TypeORM's
   * own listener: a session killed right after START TRANSACTION (its FATAL message can arrive in
   * the same read) is seen too.
   */
  async start(runner: QueryRunner): Promise<void> {
    const connection: unknown = await runner.connect();
    if (!isErrorEmitter(connection)) return;
    this.connection = connection;
    connection.on('error', this.onError);
  }

  /** the connection goes back to the pool: stop listening to it */
  stop(): void {
    this.connection?.removeListener('error', this.onError);
    this.connection = undefined;
  }

  /**
   * The error the transaction should throw: what TypeORM threw, unless the connection died and
   * TypeORM's error does not say so. Errors of the work itself (a refusal, a bug) are kept.
   */
  explain(error: unknown): unknown {
    if (this.lost === undefined || !(error instanceof TypeORMError) || isConnectionLoss(error)) return error;
    return new DatabaseConnectionLostError(this.lost, error);
  }
}

function isErrorEmitter(value: unknown): value is ErrorEmitter {
  const candidate = value as Partial<ErrorEmitter> | undefined;
  return typeof candidate?.on === 'function' && typeof candidate.removeListener === 'function';
}
