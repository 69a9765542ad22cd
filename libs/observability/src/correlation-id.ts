import type { IncomingMessage, ServerResponse } from 'node:http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';

export const CORRELATION_HEADER = 'x-correlation-id';

/** A caller's id is kept if it is a sane token; anything else is replaced, never echoed back. */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * pino-http's request id generator: takes `X-Correlation-Id` from the request or creates one,
 * and returns it in the response, so the caller can find every log line of its request.
 */
export function correlationIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && ACCEPTABLE.test(given) ? given : uuidv7();
  res.setHeader('X-Correlation-Id', id);
  return id;
}

/** The request's correlation id in a controller: `place(@CorrelationId() correlationId: string)`. */
export const CorrelationId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<IncomingMessage & { id?: unknown }>();
  return typeof req.id === 'string' ? req.id : uuidv7();
});
