import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { isConnectionLoss } from '@platform/database';
import { correlationIdOf } from '@platform/observability';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE,
  DATABASE_UNAVAILABLE_DETAIL,
  describeConnectionLoss,
} from './database-unavailable';

const CORRELATION_RESPONSE_HEADER = 'X-Correlation-Id';

/** RFC 9457 problem details; `errors` lists what was wrong with which field. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  readonly code?: string;
  readonly errors?: ReadonlyArray<{ readonly field: string; readonly problems: readonly string[] }>;
}

/** Throw from a controller or handler to answer with a problem of your own (code, fields). */
export class ProblemException extends HttpException {
  constructor(problem: Omit<ProblemDetails, 'type' | 'title'> & { title?: string; type?: string }) {
    super(problem, problem.status);
  }
}

interface HttpResponseLike {
  status(code: number): HttpResponseLike;
  setHeader(name: string, value: string): void;
  getHeader(name: string): unknown;
  send(body: string): void;
}

/**
 * Every error leaves the HTTP API as application/problem+json: Nest's HTTP exceptions, our
 * ProblemException, body-parser's errors (malformed JSON, 413), a lost database connection (503
 * DATABASE.UNAVAILABLE with Retry-After), and, without internals, anything unexpected (500,
 * logged with its stack).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<IncomingMessage>();
    const problem = this.toProblem(exception, request.url);
    if (problem.status >= 500) {
      // an answer the code chose (503 ORDER.OVERLOADED under load), or a lost database connection,
      // is an event, not a bug: one warning line, no stack, however many requests it refuses
      if (exception instanceof HttpException)
        this.logger.warn(`${problem.status} ${problem.code ?? ''} ${problem.detail ?? ''}`);
      else if (problem.code === DATABASE_UNAVAILABLE)
        this.logger.warn(
          `${problem.status} ${DATABASE_UNAVAILABLE} ${request.method} ${request.url}: ${describeConnectionLoss(exception)}`,
        );
      else this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    }
    const response = http.getResponse<HttpResponseLike>();
    if (problem.code === DATABASE_UNAVAILABLE) response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    // body-parser refuses malformed or oversized bodies before the logging middleware gave the
    // request its correlation id: give it one here, so every answer carries one
    if (!response.getHeader(CORRELATION_RESPONSE_HEADER)) {
      correlationIdOf(request, response as unknown as ServerResponse);
    }
    response.setHeader('Content-Type', 'application/problem+json');
    response.status(problem.status).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, instance?: string): ProblemDetails {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (typeof body === 'object' && body !== null && 'status' in body && !('statusCode' in body)) {
        return { ...base(status, instance), ...(body as Partial<ProblemDetails>), status };
      }
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return {
        ...base(status, instance),
        // Nest's own 400s (a path parameter that is not valid percent-encoding) get the code of every other
        ...(status === HttpStatus.BAD_REQUEST ? { code: 'REQUEST.INVALID' } : {}),
        detail: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
      };
    }
    const status = (exception as { status?: unknown; statusCode?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // body-parser and friends: their message is meant for the caller
      return { ...base(status, instance), detail: (exception as Error).message };
    }
    if (isConnectionLoss(exception)) {
      const unavailable = base(HttpStatus.SERVICE_UNAVAILABLE, instance);
      return { ...unavailable, code: DATABASE_UNAVAILABLE, detail: DATABASE_UNAVAILABLE_DETAIL };
    }
    return {
      ...base(HttpStatus.INTERNAL_SERVER_ERROR, instance),
      detail: 'An unexpected error occurred; it has been logged.',
    };
  }
}

function base(status: number, instance?: string): ProblemDetails {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, instance };
}
