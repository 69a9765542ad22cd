import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpException } from '@nestjs/common';
import { ProblemException } from '../problem-details.filter';
import { invalidRequestProblem } from '../validation';
import { inspectInput } from './inspect-input';

type Next = (error?: unknown) => void;
type Middleware = (request: IncomingMessage, response: ServerResponse, next: Next) => void;
type ErrorMiddleware = (error: unknown, request: IncomingMessage, response: ServerResponse, next: Next) => void;
interface ParsedRequest extends IncomingMessage {
  body?: unknown;
  query?: unknown;
}

/** what the JSON parser reads: application/json and any application/*+json */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.!#$%&'*^`|~-]+\+)?json$/i;

/**
 * A body that is not JSON is refused as such (415), before anything reads it: unparsed, it
 * would reach validation as "no body" and come back as a dozen misleading field messages.
 */
export function requireJsonBodies(): Middleware {
  return (request, _response, next) => {
    if (!hasBody(request)) return next();
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim();
    if (JSON_MEDIA_TYPE.test(mediaType)) return next();
    next(
      new ProblemException({
        status: 415,
        code: 'REQUEST.NOT_JSON',
        detail: `The request body must be JSON, sent with Content-Type: application/json (got ${mediaType || 'no Content-Type'}).`,
      }),
    );
  };
}

/** the JSON parser's refusals, each with a stable code like every other error */
const PARSER_REFUSALS: Record<string, { code: string; detail: (message: string) => string }> = {
  'entity.parse.failed': {
    code: 'REQUEST.MALFORMED_JSON',
    detail: (message) => `The request body must be well-formed JSON, an object: ${message}`,
  },
  'entity.too.large': {
    code: 'REQUEST.TOO_LARGE',
    detail: () => 'The request body is too large (HTTP_BODY_LIMIT).',
  },
  'encoding.unsupported': {
    code: 'REQUEST.UNSUPPORTED_ENCODING',
    detail: (message) => `The request body's Content-Encoding is not supported: ${message}`,
  },
  'charset.unsupported': {
    code: 'REQUEST.UNSUPPORTED_CHARSET',
    detail: (message) => `The request body must be UTF-8 JSON: ${message}`,
  },
};

/**
 * Turns the body parser's errors (a 4xx `status`, mostly a `type`; a corrupt gzip body has none)
 * into coded problems. Our own problems pass through as they are.
 */
export function parserRefusals(): ErrorMiddleware {
  return (error, _request, _response, next) => {
    if (error instanceof HttpException) return next(error);
    const { type, status, message } = (error ?? {}) as { type?: unknown; status?: unknown; message?: unknown };
    if (typeof status !== 'number' || status < 400 || status >= 500) return next(error);
    const refusal = typeof type === 'string' ? PARSER_REFUSALS[type] : undefined;
    next(
      new ProblemException({
        status,
        code: refusal?.code ?? 'REQUEST.UNREADABLE_BODY',
        detail: refusal ? refusal.detail(String(message)) : `The request body could not be read: ${String(message)}`,
      }),
    );
  };
}

/**
 * Every parsed body and query string, before routing, whatever the route does with them: no
 * nesting deeper than `maxDepth` (validation recurses, and a few thousand levels overflow its
 * stack), no prototype keys, no null, no text PostgreSQL cannot store (inspect-input.ts).
 */
export function inspectRequests(maxDepth: number): Middleware {
  return (request, _response, next) => {
    const { body, query } = request as ParsedRequest;
    for (const input of [body, query]) {
      if (input === undefined) continue;
      const verdict = inspectInput(input, maxDepth);
      if (verdict.kind === 'too-deep') {
        const problem = `${verdict.field} nests deeper than ${maxDepth} levels`;
        return next(
          new ProblemException({
            status: 400,
            code: 'REQUEST.TOO_DEEP',
            detail: `The JSON body nests deeper than ${maxDepth} levels (HTTP_BODY_MAX_DEPTH).`,
            errors: [{ field: verdict.field, problems: [problem] }],
          }),
        );
      }
      if (verdict.kind === 'invalid') return next(new ProblemException(invalidRequestProblem(verdict.errors)));
    }
    next();
  };
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length.trim() !== '0');
}
