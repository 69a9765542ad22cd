import { DatabaseError } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import {
  connectionLossOf,
  DatabaseConnectionLostError,
  isConnectionLoss,
  isPassingConnectionLoss,
  LONG_OUTAGE_MS,
  retriedFailureLevel,
} from './connection-loss';

// Which errors mean "the database connection is gone, or cannot be had now" (transient: retry),
// built the way node-postgres and TypeORM build them.
describe('connectionLossOf', () => {
  /** what node-postgres throws for a server ErrorResponse: the SQLSTATE is `code` */
  function pgError(sqlState: string, message = `failed with ${sqlState}`): DatabaseError {
    const error = new DatabaseError(message, message.length, 'error');
    error.code = sqlState;
    return error;
  }

  /** TypeORM wraps whatever the driver threw as `driverError` */
  function queryFailed(driverError: Error): QueryFailedError {
    return new QueryFailedError('INSERT INTO orders.orders ...', [], driverError);
  }

  function socketError(errno: string): Error {
    return Object.assign(new Error(`connect ${errno} 127.0.0.1:5432`), { code: errno, errno: -111 });
  }

  it.each([
    ['08000', 'connection_exception'],
    ['08003', 'connection_does_not_exist'],
    ['08006', 'connection_failure'],
    ['08001', 'sqlclient_unable_to_establish_sqlconnection'],
    ['08P01', 'protocol_violation'],
    ['57P01', 'admin_shutdown (pg_terminate_backend)'],
    ['57P02', 'crash_shutdown'],
    ['57P03', 'cannot_connect_now'],
    ['53300', 'too_many_connections'],
  ])('recognises SQLSTATE %s (%s), bare and wrapped by TypeORM', (sqlState) => {
    // given
    const bare = pgError(sqlState);
    const wrapped = queryFailed(pgError(sqlState));
    // when / then
    expect(connectionLossOf(bare)).toBe('DB.CONNECTION');
    expect(connectionLossOf(wrapped)).toBe('DB.CONNECTION');
  });

  it.each([
    'Connection terminated unexpectedly',
    'Client has encountered a connection error and is not queryable',
    'Connection terminated due to connection timeout',
    'timeout exceeded when trying to connect',
  ])('recognises node-postgres saying "%s", bare and wrapped by TypeORM', (message) => {
    // given
    const bare = new Error(message);
    // when / then
    expect(connectionLossOf(bare)).toBe('DB.CONNECTION');
    expect(connectionLossOf(queryFailed(new Error(message)))).toBe('DB.CONNECTION');
  });

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'])('recognises the socket error %s', (errno) => {
    // given / when / then
    expect(connectionLossOf(socketError(errno))).toBe('NET.CONNECTION');
    expect(connectionLossOf(queryFailed(socketError(errno)))).toBe('NET.CONNECTION');
  });

  it('recognises a refused connection to every address of a host (AggregateError) and an error `cause`', () => {
    // given: Node's happy-eyeballs connect to "localhost" tries ::1 and 127.0.0.1
    const everyAddress = new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')], 'connect');
    const causedBy = new Error('could not open the pool', { cause: pgError('57P03') });
    // when / then
    expect(connectionLossOf(everyAddress)).toBe('NET.CONNECTION');
    expect(connectionLossOf(causedBy)).toBe('DB.CONNECTION');
  });

  it('recognises the error TransactionRunner throws for a connection lost between two statements', () => {
    // given
    const lost = new DatabaseConnectionLostError(
      pgError('57P01', 'terminating connection due to administrator command'),
      new QueryRunnerProviderAlreadyReleasedError(),
    );
    // when / then
    expect(isConnectionLoss(lost)).toBe(true);
    expect(lost.message).toContain('terminating connection due to administrator command');
  });

  it.each([
    ['a unique violation', queryFailed(pgError('23505'))],
    ['a deadlock', queryFailed(pgError('40P01'))],
    ['a serialization failure', pgError('40001')],
    ['a cancelled statement (57014, not 57P)', pgError('57014')],
    ['a disk full (53100, not 53300)', pgError('53100')],
    // alone, TypeORM's "released" errors may be a bug (a manager used after its transaction):
    // TransactionRunner tells the two apart by watching the connection
    ['TypeORM saying its query runner was released', new QueryRunnerAlreadyReleasedError()],
    ['TypeORM saying a released runner provided the connection', new QueryRunnerProviderAlreadyReleasedError()],
    ['our own error mentioning a connection', new Error('connection to db-primary.internal:5432 refused')],
    ['a pg client closed by us', new Error('Client was closed and is not queryable')],
    ['a string', 'Connection terminated unexpectedly'],
    ['null', null],
    ['undefined', undefined],
  ])('does not take %s for a lost connection', (_label, error) => {
    // given / when / then
    expect(connectionLossOf(error)).toBeUndefined();
    expect(isConnectionLoss(error)).toBe(false);
  });

  it('stops following a chain of causes after a few links', () => {
    // given: a cycle, which a naive walk would follow forever
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    // when / then
    expect(connectionLossOf(a)).toBeUndefined();
  });
});

// How loudly a relay or a consumer loop logs a failure it retries
describe('isPassingConnectionLoss', () => {
  const lost = new DatabaseConnectionLostError(new Error('terminating connection'), new Error('already released'));
  const terminated = Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
  });

  it('given a lost connection, is a warning for as long as a server restart takes: the loop retries on a new one', () => {
    expect(isPassingConnectionLoss(lost, 1)).toBe(true);
    // a relay backing off from 200 ms has failed 5 times 3 s into an outage, 7 times at 25 s
    expect(isPassingConnectionLoss(terminated, 5)).toBe(true);
    expect(isPassingConnectionLoss(terminated, 7)).toBe(true);
  });

  it('given the connection stays lost for eight failures in a row (about a minute), is an error', () => {
    expect(isPassingConnectionLoss(lost, 8)).toBe(false);
  });

  it('given any other failure, is an error from the first attempt', () => {
    expect(isPassingConnectionLoss(new Error('relation "orders.outbox" does not exist'), 1)).toBe(false);
  });
});

// How loudly a loop on a timer (offset committer, saga sweeper) logs a failure it retries
describe('retriedFailureLevel', () => {
  const startingUp = Object.assign(new Error('the database system is starting up'), { code: '57P03' });
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

  it('given a database that restarts, is a warning for as long as a restart takes, however many failures', () => {
    expect(retriedFailureLevel(startingUp, 0)).toBe('warn');
    expect(retriedFailureLevel(refused, 5_000)).toBe('warn');
  });

  it('given a database away for a long outage, is an error', () => {
    expect(retriedFailureLevel(refused, LONG_OUTAGE_MS)).toBe('error');
  });

  it('given any other failure, is an error at once', () => {
    expect(retriedFailureLevel(new Error('relation "orders.saga" does not exist'), 0)).toBe('error');
  });
});
