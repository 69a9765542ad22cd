import { BadRequestException, Logger, NotFoundException, type ArgumentsHost } from '@nestjs/common';
import { DatabaseError } from 'pg';
import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { DatabaseConnectionLostError } from '@platform/database';
import { ProblemDetailsFilter, ProblemException, type ProblemDetails } from './problem-details.filter';

// Every error leaves the API as application/problem+json; what is unexpected leaks no internals.
describe('ProblemDetailsFilter', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  /** a minimal HTTP host: the request's url, and a response that records what was sent */
  function httpHost(url: string, headers: Record<string, string> = {}, correlationId?: string) {
    const sent = { status: 0, headers: {} as Record<string, string>, body: '' };
    if (correlationId) sent.headers['x-correlation-id'] = correlationId;
    const response = {
      status(code: number) {
        sent.status = code;
        return response;
      },
      setHeader(name: string, value: string) {
        sent.headers[name.toLowerCase()] = value;
      },
      getHeader(name: string) {
        return sent.headers[name.toLowerCase()];
      },
      send(body: string) {
        sent.body = body;
      },
    };
    const host = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => ({ method: 'POST', url, headers }), getResponse: () => response }),
    } as unknown as ArgumentsHost;
    return { host, sent, problem: () => JSON.parse(sent.body) as ProblemDetails };
  }

  function filtered(exception: unknown, url = '/orders/42') {
    const exchange = httpHost(url);
    new ProblemDetailsFilter().catch(exception, exchange.host);
    return exchange;
  }

  it.each([
    [
      'a NotFoundException',
      'a 404 naming the request as instance',
      new NotFoundException('order 42 not found'),
      '/orders/42',
      { type: 'about:blank', title: 'Not Found', status: 404, detail: 'order 42 not found', instance: '/orders/42' },
    ],
    [
      'a ProblemException',
      'its status, code and field errors',
      new ProblemException({
        status: 409,
        code: 'ORDER.ALREADY_CANCELLED',
        detail: 'order 42 is already cancelled',
        errors: [{ field: 'orderId', problems: ['is cancelled'] }],
      }),
      '/orders/42',
      {
        type: 'about:blank',
        title: 'Conflict',
        status: 409,
        instance: '/orders/42',
        code: 'ORDER.ALREADY_CANCELLED',
        detail: 'order 42 is already cancelled',
        errors: [{ field: 'orderId', problems: ['is cancelled'] }],
      },
    ],
    [
      'a body-parser error',
      'its own 4xx status and caller-facing message',
      { status: 413, statusCode: 413, type: 'entity.too.large', message: 'request entity too large' },
      '/orders',
      {
        type: 'about:blank',
        title: 'Payload Too Large',
        status: 413,
        detail: 'request entity too large',
        instance: '/orders',
      },
    ],
    [
      'an unexpected error',
      'a generic 500 that leaks no internals',
      new Error('connection to db-primary.internal:5432 refused for user admin'),
      '/orders/42',
      {
        type: 'about:blank',
        title: 'Internal Server Error',
        status: 500,
        detail: 'An unexpected error occurred; it has been logged.',
        instance: '/orders/42',
      },
    ],
  ])('answers %s with problem+json: %s', (_what, _answer, exception, url, expected) => {
    // given / when
    const { sent, problem } = filtered(exception, url);
    // then
    expect(sent.status).toBe(expected.status);
    expect(sent.headers['content-type']).toBe('application/problem+json');
    expect(problem()).toEqual(expected);
  });

  it('logs an unexpected error, though its answer names none of it', () => {
    // given / when
    const { sent } = filtered(new Error('connection to db-primary.internal:5432 refused for user admin'));
    // then
    expect(sent.body).not.toContain('db-primary');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('db-primary.internal'));
  });

  it("logs no error for a body-parser's 4xx: the caller's mistake", () => {
    // given / when
    filtered(
      { status: 413, statusCode: 413, type: 'entity.too.large', message: 'request entity too large' },
      '/orders',
    );
    // then
    expect(logged).not.toHaveBeenCalled();
  });

  it('gives an error raised before the logging middleware (malformed JSON) a correlation id', () => {
    // given: body-parser's error, thrown before pino-http set the header
    const exchange = httpHost('/orders', { 'x-correlation-id': 'from-the-caller' });
    const parseError = Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400 });
    // when
    new ProblemDetailsFilter().catch(parseError, exchange.host);
    // then
    expect(exchange.sent.status).toBe(400);
    expect(exchange.sent.headers['x-correlation-id']).toBe('from-the-caller');
  });

  it("gives Nest's own 400 (a path that is not valid percent-encoding) the code of every other 400", () => {
    // given / when
    const { sent, problem } = filtered(new BadRequestException("Failed to decode param '%ED%A0%80'"));
    // then
    expect(sent.status).toBe(400);
    expect(problem()).toMatchObject({ code: 'REQUEST.INVALID', detail: "Failed to decode param '%ED%A0%80'" });
  });

  it('keeps the correlation id the request already has', () => {
    // given
    const exchange = httpHost('/orders/42', {}, 'set-by-pino-http');
    // when
    new ProblemDetailsFilter().catch(new NotFoundException(), exchange.host);
    // then
    expect(exchange.sent.headers['x-correlation-id']).toBe('set-by-pino-http');
  });

  it('joins the messages of a Nest exception that carries several', () => {
    // given / when
    const { sent, problem } = filtered(new BadRequestException(['a is wrong', 'b is wrong']));
    // then
    expect(sent.status).toBe(400);
    expect(problem().detail).toBe('a is wrong; b is wrong');
  });

  it('logs a 5xx the code chose (503 overloaded) as one warning line, not as an error with a stack', () => {
    // given
    const warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const refusal = new ProblemException({
      status: 503,
      code: 'ORDER.OVERLOADED',
      detail: '500 orders are in progress',
    });
    // when
    const { sent, problem } = filtered(refusal, '/orders');
    // then
    expect(sent.status).toBe(503);
    expect(problem()).toMatchObject({ status: 503, code: 'ORDER.OVERLOADED', title: 'Service Unavailable' });
    expect(logged).not.toHaveBeenCalled();
    expect(warned).toHaveBeenCalledWith('503 ORDER.OVERLOADED 500 orders are in progress');
    warned.mockRestore();
  });

  describe('a lost database connection', () => {
    let warned: jest.SpyInstance;
    beforeEach(() => {
      warned = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    });
    afterEach(() => warned.mockRestore());

    /** what TypeORM throws when pg_terminate_backend ends the session under a running statement */
    function terminatedMidStatement(): QueryFailedError {
      const driverError = new DatabaseError('terminating connection due to administrator command', 0, 'error');
      driverError.code = '57P01';
      return new QueryFailedError('INSERT INTO orders.orders ...', [], driverError);
    }

    it.each([
      ['killed under a running statement (57P01)', terminatedMidStatement()],
      [
        'killed between two statements',
        new DatabaseConnectionLostError(new Error('boom'), new QueryRunnerProviderAlreadyReleasedError()),
      ],
      [
        'refused (ECONNREFUSED)',
        Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:5432'), { code: 'ECONNREFUSED' }),
      ],
    ])('answers a connection %s with 503 DATABASE.UNAVAILABLE and Retry-After', (_label, lost) => {
      // given / when
      const { sent, problem } = filtered(lost, '/orders');
      // then
      expect(sent.status).toBe(503);
      expect(sent.headers['content-type']).toBe('application/problem+json');
      expect(sent.headers['retry-after']).toBe('1');
      expect(problem()).toEqual({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        code: 'DATABASE.UNAVAILABLE',
        detail:
          'The database connection was lost or could not be opened, so the request could not be completed. Retry later.',
        instance: '/orders',
      });
      expect(sent.body).not.toContain('10.0.0.7');
    });

    it('logs it as one warning line naming the request and the driver error, not as an error', () => {
      // given / when
      filtered(terminatedMidStatement(), '/orders');
      // then
      expect(logged).not.toHaveBeenCalled();
      expect(warned).toHaveBeenCalledTimes(1);
      expect(warned).toHaveBeenCalledWith(
        '503 DATABASE.UNAVAILABLE POST /orders: DB.CONNECTION: ' +
          'QueryFailedError [57P01]: terminating connection due to administrator command',
      );
    });

    it('keeps an answer the code chose even when it wraps a lost connection', () => {
      // given
      const chosen = new ProblemException({ status: 409, code: 'ORDER.ALREADY_CANCELLED', detail: 'cancelled' });
      Object.assign(chosen, { cause: terminatedMidStatement() });
      // when
      const { sent, problem } = filtered(chosen);
      // then
      expect(sent.status).toBe(409);
      expect(sent.headers['retry-after']).toBeUndefined();
      expect(problem().code).toBe('ORDER.ALREADY_CANCELLED');
    });
  });

  it('does not trust a 5xx status on a foreign error: still the generic 500', () => {
    // given
    const foreign = Object.assign(new Error('upstream said: secret stack'), { status: 503 });
    // when
    const { sent, problem } = filtered(foreign);
    // then
    expect(sent.status).toBe(500);
    expect(problem().detail).toBe('An unexpected error occurred; it has been logged.');
  });

  it('rethrows outside HTTP, so other transports handle their own errors', () => {
    // given
    const error = new Error('in a consumer');
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    // when / then
    expect(() => new ProblemDetailsFilter().catch(error, host)).toThrow(error);
  });
});
