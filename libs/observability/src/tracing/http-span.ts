import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, defaultTextMapGetter, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR } from './span-attributes';
import type { ActiveTracing } from './tracing-state';

/** the part of Express' request this reads: the route that matched (pino-http adds `id`) */
interface RoutedRequest extends IncomingMessage {
  readonly route?: { readonly path?: unknown };
  readonly baseUrl?: string;
}

type Next = (error?: unknown) => void;

/**
 * Express middleware, installed first: a SERVER span per request, a child of the caller's
 * `traceparent` header when it sends one, active while Nest handles the request so the outbox
 * rows it writes (and so the whole order flow) join its trace. Named `<METHOD> <route>` once the
 * route is known; the correlation id and the status are set when the response is finished.
 * A hand-written middleware rather than @opentelemetry/instrumentation-http: that one patches
 * `http` through require hooks, must load before Nest does, and traces every outgoing call too.
 */
export function httpTracing(tracing: ActiveTracing) {
  return (req: RoutedRequest, res: ServerResponse, next: Next): void => {
    const parent = tracing.propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
    const method = req.method ?? 'GET';
    const span = tracing.tracer.startSpan(
      method,
      {
        kind: SpanKind.SERVER,
        attributes: { [ATTR.httpMethod]: method, [ATTR.urlPath]: (req.url ?? '/').split('?')[0] },
      },
      parent,
    );
    const active = trace.setSpan(parent, span);
    res.once('finish', () => {
      const route = typeof req.route?.path === 'string' ? `${req.baseUrl ?? ''}${req.route.path}` : undefined;
      if (route) {
        span.updateName(`${method} ${route}`);
        span.setAttribute(ATTR.httpRoute, route);
      }
      if (typeof req.id === 'string') span.setAttribute(ATTR.correlationId, req.id);
      span.setAttribute(ATTR.httpStatus, res.statusCode);
      // a 4xx is the caller's mistake, not the server's: only 5xx marks the span as failed
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    res.once('close', () => {
      if (!res.writableFinished) span.end();
    });
    // stream callbacks (the body parser's 'end') run in the socket's context, not in this one:
    // bind the request and the response so their listeners see this span as well
    context.bind(active, req);
    context.bind(active, res);
    context.with(active, () => next());
  };
}
