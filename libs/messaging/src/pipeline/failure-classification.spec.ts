import { ContractViolationError, SchemaRegistryUnavailableError, UndeliverableEventError } from '@platform/events';
import { classifyFailure, PermanentFailure } from './failure-classification';

// What the pipeline dead-letters at once (permanent) and what it retries, with the stable code
// that becomes a metric label and a dead-letter filter.
describe('classifyFailure', () => {
  /** a pg DatabaseError carries the SQLSTATE as `code` */
  function pgError(code: string): Error {
    return Object.assign(new Error(`pg failed with ${code}`), { code });
  }

  /** a connection-class failure is marked for the pipeline to ask whether the database answers */
  const connectionOf = (code: string): { connection?: true } => (code === 'DB.CONNECTION' ? { connection: true } : {});

  /** TypeORM's QueryFailedError wraps the driver's error as `driverError` */
  function typeormError(code: string): Error {
    const error = new Error('query failed');
    error.name = 'QueryFailedError';
    return Object.assign(error, { driverError: pgError(code) });
  }

  it.each([
    ['UndeliverableEventError', new UndeliverableEventError('EVENT.UNDECODABLE', 'bad bytes'), 'EVENT.UNDECODABLE'],
    ['ContractViolationError', new ContractViolationError('t.v1', ['seq: got "x"']), 'EVENT.CONTRACT_VIOLATION'],
    ['PermanentFailure', new PermanentFailure('ORDER.UNKNOWN_SKU', 'no such sku'), 'ORDER.UNKNOWN_SKU'],
  ])('treats a %s as permanent with its own code', (_label, error, code) => {
    // given / when
    const failure = classifyFailure(error);
    // then
    expect(failure).toEqual({ permanent: true, code });
  });

  it.each([
    ['40P01', 'DB.DEADLOCK'],
    ['40001', 'DB.SERIALIZATION'],
    ['08006', 'DB.CONNECTION'],
    ['57P01', 'DB.CONNECTION'],
    ['57P03', 'DB.CONNECTION'],
    ['53300', 'DB.CONNECTION'],
  ])('retries a pg error %s as %s', (sqlState, code) => {
    // given / when / then
    expect(classifyFailure(pgError(sqlState))).toEqual({ permanent: false, code, ...connectionOf(code) });
  });

  it.each([
    ['40P01', 'DB.DEADLOCK'],
    ['40001', 'DB.SERIALIZATION'],
    ['08006', 'DB.CONNECTION'],
    ['57P01', 'DB.CONNECTION'],
  ])('retries a pg error %s wrapped by TypeORM as driverError as %s', (sqlState, code) => {
    // given / when / then
    expect(classifyFailure(typeormError(sqlState))).toEqual({ permanent: false, code, ...connectionOf(code) });
  });

  it.each(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'])(
    'retries a socket error %s as NET.CONNECTION',
    (errno) => {
      // given / when / then
      expect(classifyFailure(pgError(errno))).toEqual({ permanent: false, code: 'NET.CONNECTION', connection: true });
    },
  );

  it('retries an unavailable schema registry as REGISTRY.UNAVAILABLE, and dead-letters an unknown schema id', () => {
    // given / when / then
    expect(classifyFailure(new SchemaRegistryUnavailableError('503'))).toEqual({
      permanent: false,
      code: 'REGISTRY.UNAVAILABLE',
    });
    expect(classifyFailure(new UndeliverableEventError('EVENT.UNKNOWN_SCHEMA_ID', 'id 9'))).toEqual({
      permanent: true,
      code: 'EVENT.UNKNOWN_SCHEMA_ID',
    });
  });

  it('retries a plain Error (a bug a deploy may fix) under its class name', () => {
    // given / when / then
    expect(classifyFailure(new Error('boom'))).toEqual({ permanent: false, code: 'ERROR.Error' });
    expect(classifyFailure(new TypeError('x is undefined'))).toEqual({ permanent: false, code: 'ERROR.TypeError' });
  });

  it('retries an error that carries a stable code under that code, not its class name', () => {
    // given: errors the way contexts write them (ProcessorUnavailableError, CarrierUnavailableError...)
    class GatewayUnavailableError extends Error {
      readonly code = 'PAYMENTS.PROCESSOR_UNAVAILABLE';
      constructor() {
        super('no answer from the processor');
        this.name = 'ProcessorUnavailableError';
      }
    }
    // when / then
    expect(classifyFailure(new GatewayUnavailableError())).toEqual({
      permanent: false,
      code: 'PAYMENTS.PROCESSOR_UNAVAILABLE',
    });
    expect(classifyFailure(Object.assign(new Error('down'), { code: 'SHIPPING.CARRIER_UNAVAILABLE' }))).toEqual({
      permanent: false,
      code: 'SHIPPING.CARRIER_UNAVAILABLE',
    });
  });

  it.each(['ERR_STREAM_DESTROYED', 'ENOTFOUND', 'lower.case', 'A.', '.B'])(
    'does not take %p for a stable code (Node errnos, anything not DOMAIN.NAME)',
    (code) => {
      // given / when / then
      expect(classifyFailure(Object.assign(new Error('x'), { code }))).toEqual({
        permanent: false,
        code: 'ERROR.Error',
      });
    },
  );

  it('retries a pg error it has no rule for under the error class, not the SQLSTATE', () => {
    // given / when / then
    expect(classifyFailure(pgError('23505'))).toEqual({ permanent: false, code: 'ERROR.Error' });
  });

  it.each([
    ['a string', 'boom'],
    ['null', null],
    ['undefined', undefined],
  ])('retries a thrown non-error (%s) as ERROR.UNKNOWN', (_label, thrown) => {
    // given / when / then
    expect(classifyFailure(thrown)).toEqual({ permanent: false, code: 'ERROR.UNKNOWN' });
  });
});
